import type { ModelSource } from './catalog'
import { catalog } from './catalog'
import type { Precision } from './precision/variants'

/**
 * The ONNX files generated from the catalog, with their engine hints. ESRGAN keeps dynamic
 * height and width. MAXIM is specialised to the fixed shapes the engine feeds it (its graph
 * computes resize weights and reshapes from the input shape; fixing the shape folds all of that
 * into constants, which is what makes it load in seconds).
 */
export interface ModelTarget {
  readonly source: ModelSource
  readonly file: string
  /** Fixed [height, width] for shape-specialised graph models; absent = dynamic. */
  readonly inputSize?: readonly [number, number]
  /** Recommended tile size and overlap (input pixels) for the engine. */
  readonly tile: { readonly size: number; readonly overlap: number }
  readonly sizeDivisibility: number
  /** Reduced-precision copies generated beside the float32 file (precision/variants.ts). */
  readonly precisions: readonly Precision[]
}

/**
 * ESRGAN gets fp16 for GPU providers. int8 (QDQ, pair-bounded weights: correct on every x86 CPU)
 * ships only where it stays within 0.3 dB of float32 on every quality photo and runs faster on
 * the CPU: esrgan-slim-x8 alone (−0.17 dB at worst, 1.4× faster per tile; issue #15's
 * measurement in precision/README.md). Everywhere else 8-bit activations cost 0.3 to 7 dB on
 * smooth photos. MAXIM keeps fp32 only: its LayerNorm and GELU are not in the fp16 pass's safe
 * list.
 */
const esrganPrecisions = (source: ModelSource): readonly Precision[] =>
  INT8_MODELS.has(source.id) ? ['fp16', 'int8'] : ['fp16']
const INT8_MODELS: ReadonlySet<string> = new Set(['esrgan-slim-x8'])

// Receptive fields: RDN (slim, medium) sees ~20 px, RRDN (thick) far more; tiles overlap enough
// that the blended seams are invisible, and are sized so a tile's activations stay in cache-
// friendly bounds on a desktop CPU. Measured for issue #8 (src/main/engine/runtime/measure/
// tile-sizes.ts): throughput per FLOP is flat from 64² to 256² tiles (thick: 104–113 GFLOP/s
// medians on a loaded 2-core CPU), so larger tiles win by recomputing less overlap: thick's
// 24 px overlap costs (128/104)² = 1.51× the work at 128², (256/232)² = 1.22× at 256², for
// about 370 MB peak. The OOM fallback halves tiles on devices that cannot hold them.
const esrganTiles: Readonly<Record<string, { size: number; overlap: number }>> = {
  fast: { size: 256, overlap: 16 },
  balanced: { size: 256, overlap: 16 },
  best: { size: 256, overlap: 24 }
}

/**
 * MAXIM's shapes: deblur and denoise run on 256×256 tiles (multiples of 64, the model's
 * divisibility) with a 32 px overlap; low-light needs whole-image context, so the engine runs it
 * on one 512×512 proxy of the photo.
 */
const maximShapes: Readonly<Record<string, { size: number; overlap: number }>> = {
  'maxim-deblurring': { size: 256, overlap: 32 },
  'maxim-denoising': { size: 256, overlap: 32 },
  'maxim-enhancement': { size: 512, overlap: 0 }
}

/**
 * ×8 models end in convolutions at 8× the tile's side (64 channels at 2048² for a 256² tile: a
 * gigabyte per activation), so their time is memory traffic; smaller tiles keep it lower.
 */
function esrganTileFor(source: ModelSource): { size: number; overlap: number } {
  const tile = esrganTiles[source.quality ?? 'fast'] ?? { size: 128, overlap: 16 }
  return source.scale === 8 ? { ...tile, size: X8_TILE } : tile
}
const X8_TILE = 128

function target(source: ModelSource): ModelTarget {
  if (source.format === 'layers') {
    return {
      source,
      file: `${source.id}.onnx`,
      tile: esrganTileFor(source),
      sizeDivisibility: 1,
      precisions: esrganPrecisions(source)
    }
  }
  const shape = maximShapes[source.id]
  if (!shape) throw new Error(`No specialisation shape for ${source.id}`)
  return {
    source,
    file: `${source.id}-${shape.size}.onnx`,
    inputSize: [shape.size, shape.size],
    tile: shape,
    sizeDivisibility: 64,
    precisions: []
  }
}

export const targets: readonly ModelTarget[] = catalog.map(target)
