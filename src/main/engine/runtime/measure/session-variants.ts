import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as ort from 'onnxruntime-node'

/**
 * Interleaved A/B of onnxruntime session options on one model: every variant gets its own
 * session, then the variants take turns (A, B, C, A, B, C, …) running the same tile, so machine
 * load drifts hit them alike; prints the median and min per variant. The first run of each
 * session (allocation, planning) is reported apart.
 *
 * node <bundle> --model esrgan-thick-x2 --size 128 --rounds 7 --variants base,nomp,t1
 */
type Variant = Partial<ort.InferenceSession.SessionOptions>

const base: ort.InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
  enableMemPattern: false,
  intraOpNumThreads: 2,
  logSeverityLevel: 3,
  extra: { 'session.intra_op.allow_spinning': '0' }
}

const variants: Record<string, Variant> = {
  base: {},
  mp: { enableMemPattern: true },
  t1: { intraOpNumThreads: 1 },
  noarena: { enableCpuMemArena: false },
  mpnoarena: { enableMemPattern: true, enableCpuMemArena: false },
  parallel: { executionMode: 'parallel', interOpNumThreads: 2 },
  spin: { extra: { 'session.intra_op.allow_spinning': '1' } },
  extended: { graphOptimizationLevel: 'extended' },
  basic: { graphOptimizationLevel: 'basic' }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'esrgan-thick-x2' },
      size: { type: 'string', default: '128' },
      rounds: { type: 'string', default: '7' },
      variants: { type: 'string', default: 'base,mp' }
    }
  })
  const path = join('resources/models', `${values.model}.onnx`)
  const [h, w] = values.size.split('x').map(Number) as [number, number?]
  const width = w ?? h
  const names = values.variants.split(',')
  const input = new Float32Array(h * width * 3)
  for (let i = 0; i < input.length; i++) input[i] = ((i * 7919) % 256) / 255
  const sessions: ort.InferenceSession[] = []
  for (const name of names) {
    const started = performance.now()
    const session = await ort.InferenceSession.create(path, { ...base, ...variants[name] })
    const created = performance.now() - started
    const tensor = new ort.Tensor('float32', input, [1, h, width, 3])
    const first = performance.now()
    await session.run({ [session.inputNames[0] ?? '']: tensor })
    console.log(
      `${name}: create ${created.toFixed(0)} ms, first run ${(performance.now() - first).toFixed(0)} ms`
    )
    sessions.push(session)
  }
  const times: number[][] = names.map(() => [])
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const [i, session] of sessions.entries()) {
      const tensor = new ort.Tensor('float32', input, [1, h, width, 3])
      const started = performance.now()
      await session.run({ [session.inputNames[0] ?? '']: tensor })
      times[i]?.push(performance.now() - started)
    }
  }
  for (const [i, name] of names.entries()) {
    const sorted = [...(times[i] ?? [])].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)] ?? NaN
    console.log(
      `${name}: median ${median.toFixed(1)} ms, min ${(sorted[0] ?? NaN).toFixed(1)} ms over ${sorted.length}`
    )
  }
  console.log(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
