import { readFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import * as ort from 'onnxruntime-node'
import { readManifest } from '../generate'
import { targets } from '../targets'
import { psnr8, qualityPhotos, superResolutionPair } from './photo-crops'
import type { PhotoTensor } from './photo-crops'
import { quantizeModel } from './qdq-pass'
import { checkPairSaturation } from './saturation-check'
import { int8Ranges } from './variants'

/**
 * `npm run models:measure-int8`: whether an int8 copy of each ESRGAN model is worth shipping as
 * the CPU default. Per model: PSNR against ground truth on the quality photos (never the
 * calibration ones; variant-quality.test.ts's crops) for float32, pair-bounded int8 (what would
 * ship: correct on every x86 CPU) and plain 8-bit weights (onnxruntime's layout without
 * reduce_range, which saturates without VNNI), how many output channels the plain layout leaves
 * able to saturate, and the median of interleaved timings of float32 and pair-bounded int8 on one
 * tile. Run it on a VNNI CPU, where no layout saturates, to see each layout's own precision.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'resources/models' },
      only: { type: 'string', multiple: true },
      runs: { type: 'string', default: '5' },
      tile: { type: 'string', default: '128' }
    }
  })
  const dir = resolve(values.dir)
  const manifest = await readManifest(dir)
  if (!manifest) throw new Error('No manifest: run npm install or npm run models first')
  const [runs, tile] = [Number(values.runs), Number(values.tile)]
  const photos = qualityPhotos()
  console.log(
    `CPU: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, onnxruntime-node ${ort.env.versions.common}`
  )
  const names = photos.map((p) => p.split('/').slice(-3, -2)[0] ?? p)
  console.log(
    `| model | ${names.map((n) => `${n}: fp32 / int8 / Δ / 8-bit Δ`).join(' | ')} | saturable channels (8-bit) | fp32 ms | int8 ms |`
  )
  console.log(`|---|${names.map(() => '---|').join('')}---|---|---|`)

  const options = { executionProviders: ['cpu'], graphOptimizationLevel: 'all' } as const
  for (const target of targets) {
    const id = target.source.id
    if (target.source.format !== 'layers' || (values.only && !values.only.includes(id))) continue
    const entry = manifest.models.find((m) => m.id === id)
    if (!entry) throw new Error(`${id} is not in the manifest`)
    const fp32Bytes = await readFile(join(dir, entry.file))
    const ranges = await int8Ranges(fp32Bytes)
    const bounded = quantizeModel(fp32Bytes, ranges)
    const plain = quantizeModel(fp32Bytes, ranges, { pairBounded: false })
    if (checkPairSaturation(bounded).saturating.length > 0) {
      throw new Error(`${id}: the pair-bounded model can saturate`)
    }
    const saturable = checkPairSaturation(plain)
    const sessions = await Promise.all(
      [fp32Bytes, bounded, plain].map((b) => ort.InferenceSession.create(b, options))
    )
    const scale = target.source.scale
    const cells: string[] = []
    for (const photo of photos) {
      const { low, truth } = await superResolutionPair(photo, scale, 96 - (96 % scale))
      const [f, q, p] = await Promise.all(sessions.map((s) => run(s, low)))
      const [pf, pq, pp] = [f, q, p].map((o) => psnr8(truth.data, o ?? new Float32Array()))
      const delta = (v = 0): string =>
        `${v - (pf ?? 0) >= 0 ? '+' : '−'}${Math.abs(v - (pf ?? 0)).toFixed(2)}`
      cells.push(`${pf?.toFixed(2)} / ${pq?.toFixed(2)} / ${delta(pq)} / ${delta(pp)}`)
    }
    const [fpMs, int8Ms] = await interleavedMedians(sessions.slice(0, 2), tile, runs)
    await Promise.all(sessions.map((s) => s.release()))
    console.log(
      `| ${id} | ${cells.join(' | ')} | ${saturable.saturating.length} of ${saturable.channels} | ${fpMs?.toFixed(0)} | ${int8Ms?.toFixed(0)} |`
    )
  }
}

async function run(session: ort.InferenceSession, image: PhotoTensor): Promise<Float32Array> {
  const input = new ort.Tensor('float32', image.data, [1, image.height, image.width, 3])
  const result = await session.run({ input })
  return result.output?.data as Float32Array
}

/** Median milliseconds of each session on one tile, taking turns so the machine's drift cancels. */
async function interleavedMedians(
  sessions: readonly ort.InferenceSession[],
  tile: number,
  runs: number
): Promise<number[]> {
  const data = Float32Array.from({ length: tile * tile * 3 }, (_, i) => ((i * 7919) % 256) / 255)
  const image = { data, width: tile, height: tile }
  for (const s of sessions) await run(s, image)
  const times = sessions.map((): number[] => [])
  for (let r = 0; r < runs; r++) {
    for (const [i, s] of sessions.entries()) {
      const started = performance.now()
      await run(s, image)
      times[i]?.push(performance.now() - started)
    }
  }
  return times.map((t) => [...t].sort((a, b) => a - b)[t.length >> 1] ?? NaN)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
