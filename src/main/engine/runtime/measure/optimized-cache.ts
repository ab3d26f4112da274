import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as ort from 'onnxruntime-node'

/**
 * Session creation from the original model (optimization level 'all') against creation from an
 * optimized model onnxruntime saved earlier (level 'disabled'), interleaved; checks the two
 * sessions give the same output on one tile.
 *
 * node <bundle> --model maxim-deblurring-256 --size 256 --rounds 4
 */
const common: ort.InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  executionMode: 'sequential',
  enableMemPattern: false,
  intraOpNumThreads: 2,
  logSeverityLevel: 3,
  extra: { 'session.intra_op.allow_spinning': '0' }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'maxim-deblurring-256' },
      size: { type: 'string', default: '256' },
      rounds: { type: 'string', default: '4' },
      level: { type: 'string', default: 'disabled' }
    }
  })
  const original = join('resources/models', `${values.model}.onnx`)
  const optimized = join(mkdtempSync(join(tmpdir(), 'lucid-opt-')), 'optimized.onnx')
  let started = performance.now()
  const saver = await ort.InferenceSession.create(original, {
    ...common,
    graphOptimizationLevel: 'all',
    optimizedModelFilePath: optimized
  })
  console.log(
    `save: ${(performance.now() - started).toFixed(0)} ms, ${(statSync(optimized).size / 1e6).toFixed(1)} MB`
  )
  const size = Number(values.size)
  const input = new Float32Array(size * size * 3).map((_, i) => ((i * 7919) % 256) / 255)
  const feed = (s: ort.InferenceSession): Record<string, ort.Tensor> => ({
    [s.inputNames[0] ?? '']: new ort.Tensor('float32', input, [1, size, size, 3])
  })
  const level = values.level as 'disabled' | 'basic'
  const cold: number[] = []
  const cached: number[] = []
  for (let round = 0; round < Number(values.rounds); round++) {
    started = performance.now()
    const a = await ort.InferenceSession.create(original, {
      ...common,
      graphOptimizationLevel: 'all'
    })
    cold.push(performance.now() - started)
    started = performance.now()
    const b = await ort.InferenceSession.create(optimized, {
      ...common,
      graphOptimizationLevel: level
    })
    cached.push(performance.now() - started)
    if (round === 0) {
      const ra = (await a.run(feed(a)))[a.outputNames[0] ?? '']?.data as Float32Array
      let t = performance.now()
      const ra2 = (await a.run(feed(a)))[a.outputNames[0] ?? '']?.data as Float32Array
      const runA = performance.now() - t
      t = performance.now()
      const rb = (await b.run(feed(b)))[b.outputNames[0] ?? '']?.data as Float32Array
      await b.run(feed(b))
      const runB = performance.now() - t
      let diff = 0
      for (let i = 0; i < ra.length; i++)
        diff = Math.max(diff, Math.abs((ra[i] ?? 0) - (rb[i] ?? 0)))
      console.log(
        `max |original − cached| = ${diff.toExponential(2)} (${ra2.length} samples); run ${runA.toFixed(0)} vs ${(runB / 2).toFixed(0)} ms`
      )
    }
    await a.release()
    await b.release()
  }
  const median = (xs: number[]): string =>
    ([...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN).toFixed(0)
  console.log(
    `create original ('all'): median ${median(cold)} ms  [${cold.map((x) => x.toFixed(0)).join(', ')}]`
  )
  console.log(
    `create cached ('${level}'): median ${median(cached)} ms  [${cached.map((x) => x.toFixed(0)).join(', ')}]`
  )
  await saver.release()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
