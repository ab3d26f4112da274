import { useEffect, useState } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import type { RegionRequest } from './region'
import { regionCovers, regionRequest } from './region'
import type { Viewport } from './viewport'
import type { ViewportController } from './viewport-controller'

/** How long the view must rest before detail is fetched. */
export const REGION_DEBOUNCE_MS = 150

export interface RegionDetail {
  readonly revision: number
  readonly region: RegionRequest
  readonly url: string
}

/**
 * Full-resolution detail for the visible part of the photo once the view zooms past the
 * preview's resolution: fetched after the view settles and shown only when decoded, so
 * panning never flickers. The previous detail stays up (still correct where it is) until the
 * next one is ready.
 */
export function useRegionDetail(
  api: LucidApi,
  docId: string,
  revision: number,
  controller: ViewportController,
  viewport: Viewport | null
): RegionDetail | null {
  const [detail, setDetail] = useState<RegionDetail | null>(null)

  useEffect(() => {
    const view = controller.viewSize
    if (!viewport || !view) return
    const want = regionRequest(viewport, controller.imageSize, view, window.devicePixelRatio || 1)
    if (!want) return
    if (detail?.revision === revision && regionCovers(detail.region, want)) return
    let cancelled = false
    const timer = window.setTimeout(() => {
      const url = api.shell.imageUrl({ kind: 'region', docId, revision, ...want })
      const image = new Image()
      image.src = url
      image.decode().then(
        () => {
          if (!cancelled) setDetail({ revision, region: want, url })
        },
        () => undefined // A failed fetch leaves the preview showing; the next settle retries.
      )
    }, REGION_DEBOUNCE_MS)
    return () => {
      cancelled = true
      window.clearTimeout(timer)
    }
  }, [api, docId, revision, controller, viewport, detail])

  return detail?.revision === revision ? detail : null
}
