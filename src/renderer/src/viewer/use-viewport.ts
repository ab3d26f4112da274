import type { RefObject } from 'react'
import { useEffect, useState, useSyncExternalStore } from 'react'
import { useView } from '../state/view-store'
import type { Size, Viewport } from './viewport'
import { ViewportController } from './viewport-controller'
import { wheelZoomFactor } from './wheel'

function devicePixelRatio(): number {
  return window.devicePixelRatio || 1
}

/**
 * Connects a ViewportController to the viewer element and the stores: the element's size,
 * zoom requests, the wheel (zoom about the cursor; a trackpad pinch arrives as ctrl+wheel), and
 * reports the scale back to the view store.
 */
export function useViewport(
  root: RefObject<HTMLElement | null>,
  image: Size
): { controller: ViewportController; viewport: Viewport | null } {
  const [controller] = useState(() => new ViewportController(image, devicePixelRatio))
  const viewport = useSyncExternalStore(controller.subscribe, controller.get)

  useEffect(() => controller.setImageSize(image), [controller, image])

  useEffect(() => {
    const element = root.current
    if (!element) return
    const measure = (): void => {
      const { width, height } = element.getBoundingClientRect()
      if (width > 0 && height > 0) controller.setViewSize({ width, height })
    }
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    measure()
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault()
      const box = element.getBoundingClientRect()
      const anchor = { x: event.clientX - box.left, y: event.clientY - box.top }
      controller.zoomAt(anchor, wheelZoomFactor(event))
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => {
      observer.disconnect()
      element.removeEventListener('wheel', onWheel)
    }
  }, [root, controller])

  useEffect(
    () =>
      useView.subscribe((state, prev) => {
        if (state.zoomRequest.id !== prev.zoomRequest.id) {
          controller.request(state.zoomRequest.request)
        }
      }),
    [controller]
  )

  useEffect(() => {
    if (viewport) {
      useView.getState().reportScale(viewport.scale * devicePixelRatio(), controller.fitted)
    }
  }, [viewport, controller])

  return { controller, viewport }
}
