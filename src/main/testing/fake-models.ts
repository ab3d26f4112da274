import type { ModelEntry } from '../../shared/domain/model-manifest'
import type { ProviderName } from '../../shared/domain/restoration'
import { LucidError } from '../../shared/ipc/errors'
import type { RawImage } from '../engine/raw-image'
import type { ModelRunner, ModelSource } from '../engine/runtime/model-runner'

/**
 * Fake models for the operations' unit tests, so each property is exact: nearest-neighbour
 * enlargement (the identity at scale 1; equivariant under every flip and rotation), optionally
 * plus a left-to-right ramp across each output tile (not equivariant: which way the ramp runs
 * shows which transforms ran and whether each was turned back).
 */
export interface FakeModel {
  readonly scale?: number
  /** A fixed input side (like MAXIM), or null for dynamic shapes (like ESRGAN). */
  readonly fixed?: number | null
  readonly tile?: number
  /** Added across each output tile, from 0 at its left to `ramp` at its right (0..1 units). */
  readonly ramp?: number
  /** Tiles larger than this side run out of memory on the GPU. */
  readonly fits?: number
}

export interface FakeModelSource extends ModelSource {
  /** The side of every tile the GPU runner was asked to run, in order. */
  readonly sides: number[]
  /** Every model id asked for. */
  readonly asked: string[]
}

export function fakeEntry(fake: FakeModel): ModelEntry {
  const fixed = fake.fixed ?? null
  return {
    id: 'fake',
    scale: fake.scale ?? 1,
    inputShape: [1, fixed, fixed, 3],
    sizeDivisibility: 1,
    tile: { size: fixed ?? fake.tile ?? 128, overlap: 8 }
  } as ModelEntry
}

function fakeRunner(fake: FakeModel, provider: ProviderName, sides: number[]): ModelRunner {
  const entry = fakeEntry(fake)
  const scale = entry.scale
  return {
    entry,
    provider,
    run: (tile, height, width) => {
      sides.push(Math.max(height, width))
      if (fake.fixed && (height !== fake.fixed || width !== fake.fixed)) {
        return Promise.reject(new LucidError('INFERENCE_FAILED', `not ${fake.fixed}²`))
      }
      if (provider !== 'cpu' && fake.fits !== undefined && Math.max(height, width) > fake.fits) {
        return Promise.reject(new LucidError('OUT_OF_MEMORY', `${width}×${height}`))
      }
      const outWidth = width * scale
      const out = new Float32Array(height * scale * outWidth * 3)
      for (let y = 0; y < height * scale; y++) {
        for (let x = 0; x < outWidth; x++) {
          const ramp = ((fake.ramp ?? 0) * x) / Math.max(1, outWidth - 1)
          const s = (Math.floor(y / scale) * width + Math.floor(x / scale)) * 3
          for (let c = 0; c < 3; c++) out[(y * outWidth + x) * 3 + c] = (tile[s + c] ?? 0) + ramp
        }
      }
      return Promise.resolve(out)
    }
  }
}

/** A source whose every model id is the fake: a GPU runner, and a CPU one that never runs out. */
export function fakeModels(fake: FakeModel = {}): FakeModelSource {
  const sides: number[] = []
  const asked: string[] = []
  const gpu = fakeRunner(fake, 'cuda', sides)
  const cpu = fakeRunner(fake, 'cpu', [])
  return {
    sides,
    asked,
    runner: (modelId) => {
      asked.push(modelId)
      return Promise.resolve(gpu)
    },
    cpuRunner: () => Promise.resolve(cpu)
  }
}

/** An RGB photo with texture kept away from 0 and the maximum, so a ramp is never clipped. */
export function texturedPhoto(width: number, height: number, bitDepth: 8 | 16 = 8): RawImage {
  const n = width * height * 3
  const data = bitDepth === 16 ? new Uint16Array(n) : new Uint8Array(n)
  const top = bitDepth === 16 ? 40000 : 150
  for (let i = 0; i < n; i++) data[i] = 20 + ((i * 37 + (i >> 5)) % top)
  return { data, width, height, channels: 3, bitDepth }
}

/**
 * Where two images' samples first differ (-1: nowhere; -2: their sizes differ), so a failure
 * names a place rather than printing a diff of a hundred thousand samples.
 */
export function firstDifference(a: RawImage, b: RawImage): number {
  if (a.width !== b.width || a.height !== b.height || a.data.length !== b.data.length) return -2
  return a.data.findIndex((v, i) => v !== b.data[i])
}
