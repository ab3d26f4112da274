/**
 * Weight and bias quantization for QDQ models: symmetric int8 per output channel (zero point 0),
 * the scheme onnxruntime's QLinearConv kernels take for weights, and int32 biases at the
 * product of input and weight scales, which is what makes a DQ→Conv→Q group fusable.
 *
 * Weight codes are bounded so that onnxruntime's x86 kernels cannot saturate on any CPU. Without
 * VNNI (AVX2, AVX-512 before Cascade Lake, every AMD CPU before Zen 4), MLAS multiplies uint8
 * activations by int8 weights with VPMADDUBSW, which adds each pair of products into a signed
 * 16-bit lane with saturation: codes 255 and 127 twice give 64,770, clamped to 32,767. onnxruntime's
 * documentation prescribes 7-bit weights (`reduce_range`) there; we bound what actually matters,
 * the pair: in every output channel the two largest codes of one sign add up to at most
 * PAIR_CODE_LIMIT, so 255 × that sum fits int16 whichever two weights the kernel pairs. A channel
 * whose largest weight dominates keeps all 8 bits; the worst case (two equal largest weights)
 * gets exactly the 7-bit range. VNNI (VPDPBUSD) and ARM accumulate in 32 bits and compute the
 * same values, so one file is correct everywhere (`saturation-check.ts` proves it per model).
 */

/** The largest uint8 activation code: a QuantizeLinear to uint8 can produce any of 0..255. */
export const MAX_ACTIVATION_CODE = 255
/** The largest sum of two same-sign weight codes with 255 × sum inside int16 (±32,767). */
export const PAIR_CODE_LIMIT = Math.floor(32_767 / MAX_ACTIVATION_CODE)

export interface ChannelQuantized {
  readonly values: Int8Array
  /**
   * One scale per output channel: max|w| / 127, widened where the channel's two largest
   * same-sign weights would otherwise add up to more than PAIR_CODE_LIMIT codes (1 for an
   * all-zero channel).
   */
  readonly scales: Float32Array
}

/** The two largest positive codes' sum and the two most negative codes' |sum| of one channel. */
export function worstPairSums(codes: ArrayLike<number>): { positive: number; negative: number } {
  let [p1, p2, n1, n2] = [0, 0, 0, 0]
  for (let i = 0; i < codes.length; i++) {
    const v = codes[i] ?? 0
    if (v > p1) [p1, p2] = [v, p1]
    else if (v > p2) p2 = v
    if (-v > n1) [n1, n2] = [-v, n1]
    else if (-v > n2) n2 = -v
  }
  return { positive: p1 + p2, negative: n1 + n2 }
}

/**
 * Quantizes a weight tensor whose first axis is the output channel (ONNX Conv's OIHW).
 *
 * @param weights the float32 values, row-major
 * @param channels the size of the first axis
 * @param pairBounded false for plain max|w| / 127 scales, the layout that saturates on non-VNNI
 *   x86 (onnxruntime's quantizer without `reduce_range`): only to measure against. Default true.
 * @throws Error when the values do not split evenly into `channels`
 */
export function quantizePerChannel(
  weights: Float32Array,
  channels: number,
  pairBounded = true
): ChannelQuantized {
  if (channels <= 0 || weights.length % channels !== 0) {
    throw new Error(`Expected ${channels} channels to divide ${weights.length} weights`)
  }
  const per = weights.length / channels
  const values = new Int8Array(weights.length)
  const scales = new Float32Array(channels)
  for (let c = 0; c < channels; c++) {
    const channel = weights.subarray(c * per, (c + 1) * per)
    const codes = values.subarray(c * per, (c + 1) * per)
    let max = 0
    for (const w of channel) max = Math.max(max, Math.abs(w))
    const pair = worstPairSums(channel)
    const paired = pairBounded ? Math.max(pair.positive, pair.negative) / PAIR_CODE_LIMIT : 0
    const widest = Math.max(max / 127, paired)
    // Stored as float32, so quantize against the float32 scale the model will multiply by.
    let scale = Math.fround(max > 0 ? widest : 1)
    for (;;) {
      for (let i = 0; i < per; i++) {
        codes[i] = Math.max(-127, Math.min(127, Math.round((channel[i] ?? 0) / scale)))
      }
      const pairs = worstPairSums(codes)
      if (!pairBounded || Math.max(pairs.positive, pairs.negative) <= PAIR_CODE_LIMIT) break
      // Two weights rounded up together past the limit: widen the step a little and redo.
      scale = Math.fround(scale * (1 + 2 ** -12))
    }
    scales[c] = scale
  }
  return { values, scales }
}

export interface BiasQuantized {
  readonly values: Int32Array
  readonly scales: Float32Array
}

/**
 * Quantizes a bias to int32 at scale inputScale × weightScale[c], as QLinearConv adds it to the
 * int32 accumulator.
 */
export function quantizeBias(
  bias: Float32Array,
  inputScale: number,
  weightScales: Float32Array
): BiasQuantized {
  if (bias.length !== weightScales.length) {
    throw new Error(`Expected ${weightScales.length} bias values but received ${bias.length}`)
  }
  const values = new Int32Array(bias.length)
  const scales = new Float32Array(bias.length)
  for (let c = 0; c < bias.length; c++) {
    const scale = Math.fround(inputScale * (weightScales[c] ?? 1))
    scales[c] = scale
    values[c] = Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.round((bias[c] ?? 0) / scale)))
  }
  return { values, scales }
}

export interface ActivationQuantization {
  readonly scale: number
  /** uint8 zero point: the code that stands for 0.0. */
  readonly zeroPoint: number
}

/**
 * uint8 asymmetric parameters for a calibrated activation range. The range is widened to hold
 * 0 so that zero (padding, ReLU's floor) is exact; a ReLU output (min 0) gets zero point 0,
 * which lets onnxruntime drop the ReLU into the Q that follows it.
 */
export function activationQuantization(min: number, max: number): ActivationQuantization {
  const lo = Math.min(0, min)
  const hi = Math.max(0, max)
  const scale = Math.fround(hi > lo ? (hi - lo) / 255 : 1)
  const zeroPoint = Math.max(0, Math.min(255, Math.round(-lo / scale)))
  return { scale, zeroPoint }
}
