import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quantizationPoints, quantizeModel } from './qdq-pass'
import { tinyConvModel } from './tiny-conv-model'

/**
 * The int8 path on CPUs this machine may not be: onnxruntime run under QEMU's user-mode emulator
 * with a Haswell CPU (AVX2 and FMA, no AVX-512, no VNNI), where MLAS multiplies uint8 × int8 with
 * VPMADDUBSW and its 16-bit pair sums saturate, and with QEMU's baseline CPU (SSE only), whose
 * kernel widens to 16 bits before multiplying and so computes exact integer sums. Whatever CPU
 * runs the suite, this shows the bound of qdq-pass.test.ts holding where saturation is possible.
 * .ci/run installs qemu-user; elsewhere the test says once that it cannot run.
 */
const QEMU = '/usr/bin/qemu-x86_64'
const runnable = process.arch === 'x64' && process.platform === 'linux' && existsSync(QEMU)
if (!runnable) {
  console.warn(`non-VNNI x86 emulation skipped: ${QEMU} is missing (apt-get install qemu-user)`)
}

/** Runs each model on one fixed 8×8 input in node under the emulated CPU; returns the outputs. */
const child = `
const ort = require(process.argv[1])
const fs = require('fs')
;(async () => {
  const input = Float32Array.from({ length: 3 * 64 }, (_, i) => (i % 17) / 16)
  const outputs = []
  for (const file of process.argv.slice(2)) {
    const options = { graphOptimizationLevel: 'all', intraOpNumThreads: 1 }
    const session = await ort.InferenceSession.create(fs.readFileSync(file), options)
    const result = await session.run({ input: new ort.Tensor('float32', input, [1, 3, 8, 8]) })
    outputs.push(Array.from(result.output.data))
  }
  process.stdout.write(JSON.stringify(outputs))
})().catch((e) => { console.error(e); process.exit(1) })
`

async function runUnder(cpu: string, files: string[]): Promise<number[][]> {
  const ort = require.resolve('onnxruntime-node')
  const { stdout } = await promisify(execFile)(
    QEMU,
    ['-cpu', cpu, process.execPath, '-e', child, ort, ...files],
    { timeout: 240_000, maxBuffer: 1 << 20 }
  )
  return JSON.parse(stdout) as number[][]
}

const worstDifference = (a: readonly number[], b: readonly number[]): number =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? Number.NaN))), 0)

describe.skipIf(!runnable)('int8 on an emulated x86 CPU without VNNI', () => {
  const model = tinyConvModel()
  const [input = '', hidden = '', skip = ''] = quantizationPoints(model)
  // The ranges qdq-pass.test.ts quantizes with.
  const ranges = { [input]: [0, 1], [hidden]: [0, 2], [skip]: [0, 1] } as const
  const qdq = quantizeModel(model, ranges)
  // Control: the same model with plain 8-bit weight codes, as quantized before pair bounding.
  const saturating = quantizeModel(model, ranges, { pairBounded: false })
  let dir = ''
  let haswell: number[][] = []
  let exact: number[][] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lucid-non-vnni-'))
    const files = { float: model, qdq, saturating }
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes)
    const paths = Object.keys(files).map((name) => join(dir, name))
    ;[haswell, exact] = await Promise.all([runUnder('Haswell', paths), runUnder('qemu64', paths)])
  }, 300_000)
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('runs the saturating kernel (else the check below would prove nothing)', () => {
    const [, , saturatingOnHaswell = []] = haswell
    const [, , saturatingExact = []] = exact
    expect(worstDifference(saturatingOnHaswell, saturatingExact)).toBeGreaterThan(0.05)
  })

  it('computes what the float model computes, to within the quantization steps', () => {
    const [float = [], quantized = []] = haswell
    const worst = worstDifference(float, quantized)
    expect(worst).toBeGreaterThan(0)
    expect(worst).toBeLessThan(0.05)
    // And the integer result is the one an exact kernel computes.
    expect(worstDifference(quantized, exact[1] ?? [])).toBeLessThan(1e-5)
  })
})
