import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as ort from 'onnxruntime-node'
import { cpuPlan } from '../providers'
import { sessionOptions } from '../session-options'

/**
 * Effective GFLOP/s of one ESRGAN model at several square tile sides, on one session with the
 * app's options, sides interleaved round by round; medians. Bigger tiles waste less on overlap
 * but need more memory: this shows where speed stops growing.
 *
 * node <bundle> --model esrgan-thick-x2 --sides 64,96,128,192 --rounds 5
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'esrgan-thick-x2' },
      sides: { type: 'string', default: '64,96,128,192' },
      rounds: { type: 'string', default: '5' }
    }
  })
  const manifest = JSON.parse(readFileSync('resources/models/manifest.json', 'utf8')) as {
    models: { id: string; flopsPerInputPixel: number }[]
  }
  const flops = manifest.models.find((m) => m.id === values.model)?.flopsPerInputPixel ?? NaN
  const [cpu] = cpuPlan()
  if (!cpu) throw new Error('no CPU')
  const session = await ort.InferenceSession.create(
    join('resources/models', `${values.model}.onnx`),
    sessionOptions(cpu)
  )
  const sides = values.sides.split(',').map(Number)
  const run = async (side: number): Promise<number> => {
    const data = new Float32Array(side * side * 3).map((_, i) => ((i * 7919) % 256) / 255)
    const started = performance.now()
    await session.run({
      [session.inputNames[0] ?? '']: new ort.Tensor('float32', data, [1, side, side, 3])
    })
    return performance.now() - started
  }
  for (const side of sides) await run(side) // first runs allocate
  const times = sides.map(() => [] as number[])
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const [i, side] of sides.entries()) times[i]?.push(await run(side))
  }
  for (const [i, side] of sides.entries()) {
    const sorted = [...(times[i] ?? [])].sort((a, b) => a - b)
    const median = sorted[sorted.length >> 1] ?? NaN
    const best = sorted[0] ?? NaN
    const gflops = (ms: number): string => ((flops * side * side) / ms / 1e6).toFixed(0)
    console.log(
      `${values.model} ${side}²: median ${median.toFixed(0)} ms (${gflops(median)} GFLOP/s), best ${best.toFixed(0)} ms (${gflops(best)} GFLOP/s)`
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
