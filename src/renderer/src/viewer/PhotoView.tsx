import type { CSSProperties, ReactElement } from 'react'
import { useMemo, useRef } from 'react'
import type { DocumentState } from '../../../shared/domain/document'
import type { LucidApi } from '../../../shared/ipc/api'
import { useMask } from '../state/mask-store'
import { useView } from '../state/view-store'
import { CompareLayer } from './CompareLayer'
import { useMaskPainter } from './use-mask-painter'
import { usePointerTools } from './use-pointer-tools'
import { useRegionDetail } from './use-region-detail'
import { useViewerKeys } from './use-viewer-keys'
import { useViewport } from './use-viewport'
import type { Size, Viewport } from './viewport'
import { formatZoom } from './viewport'

/** Zoomed this far in (device pixels per image pixel), pixels are shown as crisp squares. */
const PIXEL_GRID_ZOOM = 3

/** Lays out image-pixel-sized content at the viewport's position and scale. */
function stageStyle(viewport: Viewport | null, image: Size): CSSProperties {
  return {
    width: image.width,
    height: image.height,
    visibility: viewport ? 'visible' : 'hidden',
    transform: viewport
      ? `translate(${viewport.offsetX}px, ${viewport.offsetY}px) scale(${viewport.scale})`
      : undefined
  }
}

/**
 * One open photo: the preview scaled by the viewport, full-resolution detail over it when
 * zoomed in, the mask overlay, the before/after comparison, the brush cursor and the zoom
 * level. Mounted per document (keyed by id), so a new photo starts fitted and fresh.
 */
export function PhotoView({ api, doc }: { api: LucidApi; doc: DocumentState }): ReactElement {
  const root = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const image = useMemo(() => ({ width: doc.width, height: doc.height }), [doc.width, doc.height])

  const { controller, viewport } = useViewport(root, image)
  const detail = useRegionDetail(api, doc.id, doc.revision, controller, viewport)
  const painter = useMaskPainter(canvas, image)
  const space = useViewerKeys()
  const tool = useView((s) => s.tool)
  const brush = useView((s) => s.brush)
  const maskVisible = useView((s) => s.maskVisible)
  const compare = useView((s) => s.compare)
  const split = useView((s) => s.split)
  const fitted = useView((s) => s.fitted)
  const strokes = useMask((s) => s.mask.strokes.length)
  const { handlers, cursor } = usePointerTools(controller, painter, tool, space)

  const stage = stageStyle(viewport, image)
  const density = viewport ? viewport.scale * (window.devicePixelRatio || 1) : 1
  const painting = tool !== 'hand' && !space
  const diameter = viewport ? brush.size * viewport.scale : 0
  const previewUrl = api.shell.imageUrl({ kind: 'preview', docId: doc.id, revision: doc.revision })

  return (
    <div
      ref={root}
      className={`photo-view ${painting ? 'photo-view-brush' : 'photo-view-hand'}`}
      data-tool={painting ? tool : 'hand'}
      {...handlers}
    >
      <div
        className="viewer-stage"
        style={stage}
        data-pixel-grid={density >= PIXEL_GRID_ZOOM ? 'true' : undefined}
      >
        <img
          className="viewer-layer viewer-preview"
          data-testid="photo"
          data-revision={doc.revision}
          src={previewUrl}
          alt={doc.name}
          draggable={false}
        />
        {detail ? (
          <img
            className="viewer-region"
            data-testid="region-detail"
            data-loaded="true"
            data-region={`${detail.region.x},${detail.region.y},${detail.region.width},${detail.region.height},${detail.region.out}`}
            src={detail.url}
            alt=""
            draggable={false}
            style={{
              left: detail.region.x,
              top: detail.region.y,
              width: detail.region.width,
              height: detail.region.height
            }}
          />
        ) : null}
        <canvas
          ref={canvas}
          className="viewer-layer viewer-mask"
          data-testid="mask-overlay"
          data-strokes={strokes}
          hidden={!maskVisible}
        />
      </div>
      <CompareLayer
        mode={compare}
        split={split}
        originalUrl={api.shell.imageUrl({ kind: 'original', docId: doc.id })}
        stageStyle={stage}
      />
      <div
        ref={cursor}
        className="brush-cursor"
        data-testid="brush-cursor"
        data-diameter={Math.round(diameter)}
        style={{ width: diameter, height: diameter, margin: -diameter / 2 }}
      >
        <div className="brush-cursor-inner" style={{ inset: `${(1 - brush.hardness) * 50}%` }} />
      </div>
      <button
        type="button"
        className="zoom-level"
        data-testid="zoom-level"
        title={fitted ? 'Show at 100%' : 'Fit to window'}
        onPointerDown={(event) => event.stopPropagation()}
        onClick={() => useView.getState().requestZoom({ kind: fitted ? 'actual' : 'fit' })}
      >
        {formatZoom(density)}
      </button>
    </div>
  )
}
