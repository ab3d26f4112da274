import type { PointerEvent as ReactPointerEvent, RefObject } from 'react'
import { useRef } from 'react'
import { useMask } from '../state/mask-store'
import type { Tool } from '../state/view-store'
import { useView } from '../state/view-store'
import type { MaskPainter } from './mask-painter'
import { StrokeRecorder } from './stroke-recorder'
import { screenToImage } from './viewport'
import type { ViewportController } from './viewport-controller'

type Gesture =
  | { readonly kind: 'pan'; readonly id: number; x: number; y: number }
  | { readonly kind: 'paint'; readonly id: number; readonly recorder: StrokeRecorder }

export interface PointerHandlers {
  readonly onPointerDown: (event: ReactPointerEvent<HTMLElement>) => void
  readonly onPointerMove: (event: ReactPointerEvent<HTMLElement>) => void
  readonly onPointerUp: (event: ReactPointerEvent<HTMLElement>) => void
  readonly onPointerCancel: (event: ReactPointerEvent<HTMLElement>) => void
  readonly onPointerLeave: () => void
}

/** The pointer's position relative to the element the handlers sit on. */
function local(
  event: { clientX: number; clientY: number },
  element: Element
): {
  x: number
  y: number
} {
  const box = element.getBoundingClientRect()
  return { x: event.clientX - box.left, y: event.clientY - box.top }
}

/**
 * Panning (hand tool, space held, or the middle button) and brush strokes (brush and erase
 * tools): a drag records one stroke in image coordinates from the coalesced pointer events,
 * draws it live, and adds it to the mask store on release, one gesture one stroke. Also moves
 * the brush cursor, by style, without rendering React.
 */
export function usePointerTools(
  controller: ViewportController,
  painter: RefObject<MaskPainter | null>,
  tool: Tool,
  spaceHeld: boolean
): { handlers: PointerHandlers; cursor: RefObject<HTMLDivElement | null> } {
  const cursor = useRef<HTMLDivElement>(null)
  const gesture = useRef<Gesture | null>(null)
  const frame = useRef(0)

  const moveCursor = (x: number, y: number, visible: boolean): void => {
    const element = cursor.current
    if (!element) return
    element.style.transform = `translate(${x}px, ${y}px)`
    element.style.visibility = visible ? 'visible' : 'hidden'
  }

  const flushSoon = (): void => {
    if (frame.current !== 0) return
    frame.current = requestAnimationFrame(() => {
      frame.current = 0
      painter.current?.flushLive()
    })
  }

  const finish = (commit: boolean): void => {
    const current = gesture.current
    gesture.current = null
    if (current?.kind !== 'paint') return
    if (frame.current !== 0) cancelAnimationFrame(frame.current)
    frame.current = 0
    const stroke = commit ? current.recorder.finish() : null
    painter.current?.endLive(stroke)
    if (stroke) useMask.getState().addStroke(stroke)
  }

  const painting = tool !== 'hand' && !spaceHeld

  const handlers: PointerHandlers = {
    onPointerDown: (event) => {
      const viewport = controller.get()
      if (!viewport || gesture.current) return
      const at = local(event, event.currentTarget)
      const pan = event.button === 1 || (event.button === 0 && !painting)
      if (!pan && event.button !== 0) return
      event.currentTarget.setPointerCapture(event.pointerId)
      event.preventDefault()
      if (pan) {
        gesture.current = { kind: 'pan', id: event.pointerId, x: at.x, y: at.y }
        return
      }
      const { brush } = useView.getState()
      const style = { mode: tool === 'erase' ? ('erase' as const) : ('paint' as const), ...brush }
      const first = screenToImage(viewport, at)
      gesture.current = {
        kind: 'paint',
        id: event.pointerId,
        recorder: new StrokeRecorder(style, first)
      }
      painter.current?.beginLive(style, first)
      flushSoon()
    },
    onPointerMove: (event) => {
      const at = local(event, event.currentTarget)
      const current = gesture.current
      moveCursor(at.x, at.y, painting && current?.kind !== 'pan')
      if (current?.id !== event.pointerId) return
      if (current.kind === 'pan') {
        controller.panBy(at.x - current.x, at.y - current.y)
        current.x = at.x
        current.y = at.y
        return
      }
      const viewport = controller.get()
      if (!viewport) return
      const box = event.currentTarget.getBoundingClientRect()
      const events = event.nativeEvent.getCoalescedEvents()
      for (const e of events.length > 0 ? events : [event.nativeEvent]) {
        const p = screenToImage(viewport, { x: e.clientX - box.left, y: e.clientY - box.top })
        if (current.recorder.add(p, viewport.scale)) painter.current?.extendLive(p)
      }
      flushSoon()
    },
    onPointerUp: (event) => {
      if (gesture.current?.id === event.pointerId) finish(true)
    },
    onPointerCancel: (event) => {
      if (gesture.current?.id === event.pointerId) finish(false)
    },
    onPointerLeave: () => moveCursor(0, 0, false)
  }
  return { handlers, cursor }
}
