import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { onnx } from 'onnx-proto'
import { describe, expect, it } from 'vitest'
import { readManifest } from '../generate'
import { quantizationPoints, quantizeModel } from './qdq-pass'
import { checkPairSaturation } from './saturation-check'
import { tinyConvModel, withFirstChannelCodes } from './tiny-conv-model'

const model = tinyConvModel()
const ranges = Object.fromEntries(quantizationPoints(model).map((p) => [p, [0, 2] as const]))

describe('checkPairSaturation', () => {
  const qdq = quantizeModel(model, ranges)

  it('proves every conv channel of a quantized model safe on non-VNNI x86', () => {
    const report = checkPairSaturation(qdq)
    // 4 + 2 + 2 output channels over the model's three convs, and no int8 constant unexplained.
    expect(report).toEqual({ channels: 8, saturating: [], unchecked: [] })
  })

  it('finds the channel where two products can pass the signed 16-bit range', () => {
    // Two codes of 127: 255 × 254 = 64,770, which VPMADDUBSW clamps to 32,767.
    const report = checkPairSaturation(withFirstChannelCodes(qdq, (i) => (i < 2 ? 127 : 0)))
    expect(report.saturating).toEqual([expect.objectContaining({ channel: 0, pairSum: 64_770 })])
    const negative = checkPairSaturation(withFirstChannelCodes(qdq, (i) => (i % 9 === 0 ? -65 : 1)))
    expect(negative.saturating).toEqual([expect.objectContaining({ pairSum: -255 * 130 })])
    // 128 in one sign is the limit: 255 × 128 = 32,640 fits.
    expect(
      checkPairSaturation(withFirstChannelCodes(qdq, (i) => (i < 2 ? 64 : -64))).saturating
    ).toEqual([])
  })

  it('reports an int8 constant it cannot reason about instead of passing it silently', () => {
    const proto = onnx.ModelProto.decode(qdq)
    const dq = proto.graph?.node?.find(
      (n) => n.opType === 'DequantizeLinear' && /_w_dq$/.test(n.output?.[0] ?? '')
    )
    proto.graph?.node?.push({ opType: 'Identity', input: dq?.output ?? [], output: ['extra'] })
    const report = checkPairSaturation(onnx.ModelProto.encode(proto).finish())
    expect(report.unchecked).toHaveLength(1)
  })
})

describe('every int8 model the manifest ships', () => {
  const modelsDir = join(process.cwd(), 'resources', 'models')

  it('is proved unable to saturate on x86 CPUs without VNNI', async () => {
    const manifest = await readManifest(modelsDir)
    const shipped = (manifest?.models ?? []).flatMap((m) =>
      (m.variants ?? []).filter((v) => v.precision === 'int8')
    )
    expect(shipped.length).toBeGreaterThan(0)
    for (const variant of shipped) {
      const report = checkPairSaturation(await readFile(join(modelsDir, variant.file)))
      expect(report.channels, variant.file).toBeGreaterThan(100)
      expect(report.saturating, variant.file).toEqual([])
      expect(report.unchecked, variant.file).toEqual([])
    }
  })
})
