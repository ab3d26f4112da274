import type { ModelSource } from './catalog'
import { catalog } from './catalog'

/**
 * The ONNX files generated from the catalog, with their engine hints. ESRGAN keeps dynamic
 * height and width. The MAXIM models are added here once the graph converter maps all of their
 * ops (issue #3, in progress): they will be specialised to the engine's fixed tile shapes.
 */
export interface ModelTarget {
  readonly source: ModelSource
  readonly file: string
  /** Recommended tile size and overlap (input pixels) for the engine. */
  readonly tile: { readonly size: number; readonly overlap: number }
  readonly sizeDivisibility: number
}

// Receptive fields: RDN (slim, medium) sees ~20 px, RRDN (thick) far more; tiles overlap enough
// that the blended seams are invisible, and are sized so a tile's activations stay in cache-
// friendly bounds on a desktop CPU. Tuned by the benchmarks of issue #8.
const esrganTiles: Readonly<Record<string, { size: number; overlap: number }>> = {
  fast: { size: 256, overlap: 16 },
  balanced: { size: 192, overlap: 16 },
  best: { size: 128, overlap: 24 }
}

export const targets: readonly ModelTarget[] = catalog
  .filter((source) => source.format === 'layers')
  .map((source) => ({
    source,
    file: `${source.id}.onnx`,
    tile: esrganTiles[source.quality ?? 'fast'] ?? { size: 128, overlap: 16 },
    sizeDivisibility: 1
  }))
