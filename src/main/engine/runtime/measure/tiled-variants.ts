import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as ort from 'onnxruntime-node'
import type { RawImage } from '../../raw-image'
import { restoreTiled } from '../../tiling/restore-tiled'
import { cpuPlan } from '../providers'
import { sessionOptions } from '../session-options'

/**
 * Whole-image tiled runs of one ESRGAN model, interleaved between tile-shape/session variants:
 * `exact` (tiles cut to the image, memory pattern off), `fixed` (every tile the manifest's size,
 * memory pattern on) and `fixed-nomp`. Reports per variant the median wall time, the share
 * spent outside `session.run` (tile reading, blending, output conversion: the JS on the hot
 * path) and RSS after runs over `--sizes` random image sizes.
 *
 * node <bundle> --model esrgan-slim-x2 --tile 256 --overlap 16 --size 1632x1224 --rounds 3
 *
 * `--files a.onnx,b.onnx` compares model files instead (say the float32 and int8 copies), each
 * run as the first of `--variants`.
 */
interface Variant {
  readonly fixed: boolean
  readonly memPattern: boolean
}
const variants: Record<string, Variant> = {
  exact: { fixed: false, memPattern: false },
  fixed: { fixed: true, memPattern: true },
  'fixed-nomp': { fixed: true, memPattern: false },
  'exact-mp': { fixed: false, memPattern: true }
}

function image(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 3)
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24
  return { data, width, height, channels: 3, bitDepth: 8 }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'esrgan-slim-x2' },
      tile: { type: 'string', default: '256' },
      overlap: { type: 'string', default: '16' },
      size: { type: 'string', default: '1632x1224' },
      rounds: { type: 'string', default: '3' },
      variants: { type: 'string', default: 'exact,fixed' },
      sizes: { type: 'string', default: '0' },
      files: { type: 'string' }
    }
  })
  const [cpu] = cpuPlan()
  if (!cpu) throw new Error('no CPU')
  const files = values.files?.split(',')
  const names = files ?? values.variants.split(',')
  const variantOf = (name: string): Variant | undefined =>
    variants[files ? (values.variants.split(',')[0] ?? '') : name]
  const sessions = await Promise.all(
    names.map((name) =>
      ort.InferenceSession.create(join('resources/models', files ? name : `${values.model}.onnx`), {
        ...sessionOptions(cpu),
        enableMemPattern: variantOf(name)?.memPattern ?? false
      })
    )
  )
  const scale = Number(/x(\d+)$/.exec(values.model)?.[1] ?? 2)
  const run = async (i: number, source: RawImage): Promise<{ wall: number; infer: number }> => {
    const session = sessions[i]
    if (!session) throw new Error('no session')
    let inferMs = 0
    const started = performance.now()
    await restoreTiled(source, {
      scale,
      tileSize: Number(values.tile),
      overlap: Number(values.overlap),
      divisibility: 1,
      fixedInput: variantOf(names[i] ?? '')?.fixed ?? false,
      infer: async (tile, h, w) => {
        const t = performance.now()
        const out = await session.run({
          [session.inputNames[0] ?? '']: new ort.Tensor('float32', tile, [1, h, w, 3])
        })
        inferMs += performance.now() - t
        return out[session.outputNames[0] ?? '']?.data as Float32Array
      }
    })
    return { wall: performance.now() - started, infer: inferMs }
  }
  const [w, h] = values.size.split('x').map(Number) as [number, number]
  const photo = image(w, h)
  const results: { wall: number; infer: number }[][] = names.map(() => [])
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const i of names.keys()) results[i]?.push(await run(i, photo))
  }
  for (const [i, name] of names.entries()) {
    const rs = [...(results[i] ?? [])].sort((a, b) => a.wall - b.wall)
    const mid = rs[Math.floor(rs.length / 2)]
    if (!mid) continue
    const js = rs.map((r) => ((r.wall - r.infer) / 1000).toFixed(2)).join(', ')
    console.log(
      `${name}: median ${(mid.wall / 1000).toFixed(2)} s (inference ${(mid.infer / 1000).toFixed(2)} s), outside inference [${js}] s; all ${rs.map((r) => (r.wall / 1000).toFixed(2)).join(', ')}`
    )
  }
  // Memory over many distinct image sizes: one process per variant is cleaner, so only the first.
  const sizes = Number(values.sizes)
  if (sizes > 0) {
    const before = process.memoryUsage().rss
    let seed = 1
    const random = (n: number): number => ((seed = (seed * 48271) % 2147483647) % n) + 1
    for (let k = 0; k < sizes; k++) await run(0, image(40 + random(400), 40 + random(400)))
    const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0)
    console.log(
      `${names[0]}: rss ${mib(before)} → ${mib(process.memoryUsage().rss)} MiB after ${sizes} random sizes`
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
