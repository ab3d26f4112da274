import type { RefObject } from 'react'
import { useEffect, useRef } from 'react'
import { useMask } from '../state/mask-store'
import { MaskPainter } from './mask-painter'
import { previewSize } from './region'
import type { Size } from './viewport'

/**
 * Keeps the overlay canvas in step with the mask store: sized at preview resolution for the
 * photo, drawing only the strokes the store adds (a full redraw only on clear, invert, undo or
 * a new size). Returns the painter for the live stroke.
 */
export function useMaskPainter(
  canvas: RefObject<HTMLCanvasElement | null>,
  image: Size
): RefObject<MaskPainter | null> {
  const painter = useRef<MaskPainter | null>(null)
  useEffect(() => {
    const element = canvas.current
    if (!element) return
    const current = new MaskPainter(element)
    current.reset(previewSize(image), image, useMask.getState().mask)
    painter.current = current
    const unsubscribe = useMask.subscribe((state, prev) => {
      if (state.mask !== prev.mask) current.sync(state.mask)
    })
    return () => {
      unsubscribe()
      painter.current = null
    }
  }, [canvas, image])
  return painter
}
