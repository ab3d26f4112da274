import { onnx } from 'onnx-proto'
import { indexGraph } from '../onnx-passes/graph-index'
import { MAX_ACTIVATION_CODE, worstPairSums } from './quantize-weights'

const INT16_MAX = 32_767
const INT16_MIN = -32_768

/** A convolution output channel whose weights could saturate a 16-bit pair sum. */
export interface SaturatingChannel {
  readonly conv: string
  readonly channel: number
  /** The extreme pair sum of u8 activation × s8 weight products this channel allows. */
  readonly pairSum: number
}

export interface SaturationReport {
  /** Output channels proved safe or found unsafe. */
  readonly channels: number
  readonly saturating: readonly SaturatingChannel[]
  /** int8 constants the proof does not cover (read by something other than a Conv's weight). */
  readonly unchecked: readonly string[]
}

/**
 * Proves, from a QDQ model's bytes alone, that onnxruntime's non-VNNI x86 integer kernels cannot
 * saturate on it: for every int8 convolution weight and every output channel, any two products
 * of a uint8 activation code (0..255) and a weight code, added as VPMADDUBSW adds them, stay in
 * the signed 16-bit range. Any two weights of the channel are considered, so the proof holds for
 * whatever order the kernel packs the reduction axis in. It reads the file, not the CPU, so it
 * fails on a saturating model on every machine, VNNI or not.
 */
export function checkPairSaturation(model: Uint8Array): SaturationReport {
  const graph = onnx.ModelProto.decode(model).graph ?? {}
  // Zero points (a Q/DQ's third input) are offsets, not factors: only the codes are multiplied.
  const zeroPoints = new Set(
    (graph.node ?? [])
      .filter((n) => n.opType === 'QuantizeLinear' || n.opType === 'DequantizeLinear')
      .map((n) => n.input?.[2] ?? '')
  )
  const int8 = new Map(
    (graph.initializer ?? [])
      .filter((t) => t.dataType === onnx.TensorProto.DataType.INT8 && !zeroPoints.has(t.name ?? ''))
      .map((t) => [t.name ?? '', t])
  )
  const readers = indexGraph({ nodes: graph.node ?? [], initializers: [] }).consumers

  let channels = 0
  const saturating: SaturatingChannel[] = []
  const unchecked = new Set(int8.keys())
  for (const dq of graph.node ?? []) {
    const weight = int8.get(dq.input?.[0] ?? '')
    if (dq.opType !== 'DequantizeLinear' || !weight) continue
    const convs = (readers.get(dq.output?.[0] ?? '') ?? []).filter(
      (n) => n.opType === 'Conv' && n.input?.[1] === dq.output?.[0]
    )
    // A DQ whose result goes anywhere but a Conv's weight input is outside this proof.
    if (convs.length === 0 || convs.length !== readers.get(dq.output?.[0] ?? '')?.length) continue
    unchecked.delete(weight.name ?? '')
    const codes = int8Codes(weight)
    const count = Number(weight.dims?.[0] ?? 0)
    const per = count > 0 ? codes.length / count : 0
    for (let c = 0; c < count; c++) {
      channels++
      const { positive, negative } = worstPairSums(codes.subarray(c * per, (c + 1) * per))
      const [high, low] = [MAX_ACTIVATION_CODE * positive, -MAX_ACTIVATION_CODE * negative]
      if (high > INT16_MAX || low < INT16_MIN) {
        const conv = convs[0]?.name ?? dq.name ?? ''
        saturating.push({ conv, channel: c, pairSum: high > INT16_MAX ? high : low })
      }
    }
  }
  return { channels, saturating, unchecked: [...unchecked] }
}

function int8Codes(t: onnx.ITensorProto): Int8Array {
  const raw = t.rawData
  if (raw && raw.byteLength > 0) return new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength)
  // Small tensors may carry their values in int32Data instead of raw bytes.
  return Int8Array.from(t.int32Data ?? [])
}
