import { cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import * as ort from 'onnxruntime-node'
import { readManifest } from './generate'

/**
 * `npm run models:measure`: session creation time and single-tile inference speed of each
 * generated model on this machine's CPU, as a Markdown table for the README. Effective GFLOP/s =
 * manifest FLOPs per input pixel × pixels ÷ seconds. The full benchmark suite is `npm run bench`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'resources/models' },
      only: { type: 'string', multiple: true },
      runs: { type: 'string', default: '3' }
    }
  })
  const manifest = await readManifest(resolve(values.dir))
  if (!manifest) throw new Error('No manifest: run npm install or npm run models first')
  const runs = Number(values.runs)
  console.log(
    `CPU: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, onnxruntime-node ${ort.env.versions.common}`
  )
  console.log(
    '| model | tile (input px) | session create (s) | inference (s, best of ' +
      String(runs) +
      ') | GFLOP/s |'
  )
  console.log('|---|---|---|---|---|')
  for (const entry of manifest.models) {
    if (values.only && !values.only.includes(entry.id)) continue
    const [, fixedH, fixedW] = entry.inputShape
    const h = fixedH ?? entry.tile.size
    const w = fixedW ?? entry.tile.size
    let started = performance.now()
    const session = await ort.InferenceSession.create(join(resolve(values.dir), entry.file), {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all'
    })
    const createSeconds = (performance.now() - started) / 1000
    const input = new ort.Tensor('float32', new Float32Array(h * w * 3).fill(0.5), [1, h, w, 3])
    let best = Infinity
    for (let i = 0; i < runs; i++) {
      started = performance.now()
      await session.run({ input })
      best = Math.min(best, (performance.now() - started) / 1000)
    }
    await session.release()
    const gflops = (entry.flopsPerInputPixel * h * w) / best / 1e9
    console.log(
      `| ${entry.id} | ${h}×${w} | ${createSeconds.toFixed(2)} | ${best.toFixed(3)} | ${gflops.toFixed(1)} |`
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
