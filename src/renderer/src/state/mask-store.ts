import { create } from 'zustand'
import type { Mask, Stroke } from '../../../shared/domain/mask'
import { EMPTY_MASK, isEmptyMask } from '../../../shared/domain/mask'

/**
 * The brush mask being painted on the open photo, as strokes in image coordinates (main
 * rasterises them at full resolution when a masked deblur runs). Cleared when another photo
 * opens; kept across steps so a region can be deblurred again.
 */
export interface MaskState {
  readonly mask: Mask
  /** Increments with every change, for the overlay to redraw. */
  readonly version: number
  readonly addStroke: (stroke: Stroke) => void
  readonly invert: () => void
  readonly clear: () => void
  readonly isEmpty: () => boolean
  /** The photo the mask was painted on (null before any). */
  readonly docId: string | null
  /** Ties the mask to a photo: clears it when `docId` differs from the one it belongs to. */
  readonly bindDocument: (docId: string) => void
}

export const useMask = create<MaskState>()((set, get) => ({
  mask: EMPTY_MASK,
  version: 0,
  addStroke: (stroke) =>
    set((s) => ({
      mask: { ...s.mask, strokes: [...s.mask.strokes, stroke] },
      version: s.version + 1
    })),
  invert: () =>
    set((s) => ({ mask: { ...s.mask, inverted: !s.mask.inverted }, version: s.version + 1 })),
  clear: () => set((s) => ({ mask: EMPTY_MASK, version: s.version + 1 })),
  isEmpty: () => isEmptyMask(get().mask),
  docId: null,
  bindDocument: (docId) =>
    set((s) => (s.docId === docId ? s : { docId, mask: EMPTY_MASK, version: s.version + 1 }))
}))
