/**
 * Weight and bias quantization for QDQ models: symmetric int8 per output channel (zero point 0),
 * the scheme onnxruntime's QLinearConv kernels take for weights, and int32 biases at the
 * product of input and weight scales, which is what makes a DQ→Conv→Q group fusable.
 */

export interface ChannelQuantized {
  readonly values: Int8Array
  /** One scale per output channel: max|w| / 127 (1 for an all-zero channel). */
  readonly scales: Float32Array
}

/**
 * Quantizes a weight tensor whose first axis is the output channel (ONNX Conv's OIHW).
 *
 * @param weights the float32 values, row-major
 * @param channels the size of the first axis
 * @throws Error when the values do not split evenly into `channels`
 */
export function quantizePerChannel(weights: Float32Array, channels: number): ChannelQuantized {
  if (channels <= 0 || weights.length % channels !== 0) {
    throw new Error(`Expected ${channels} channels to divide ${weights.length} weights`)
  }
  const per = weights.length / channels
  const values = new Int8Array(weights.length)
  const scales = new Float32Array(channels)
  for (let c = 0; c < channels; c++) {
    let max = 0
    for (let i = c * per; i < (c + 1) * per; i++) max = Math.max(max, Math.abs(weights[i] ?? 0))
    // Stored as float32, so quantize against the float32 scale the model will multiply by.
    const scale = Math.fround(max > 0 ? max / 127 : 1)
    scales[c] = scale
    for (let i = c * per; i < (c + 1) * per; i++) {
      values[i] = Math.max(-127, Math.min(127, Math.round((weights[i] ?? 0) / scale)))
    }
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
