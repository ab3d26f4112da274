import { create } from 'zustand'

/**
 * How the photo is shown: zoom, the active tool and brush, the mask overlay and the
 * before/after comparison. The viewer owns the pan position itself; other components ask for
 * changes through these actions (menus, shortcuts, toolbar).
 */
export type Tool = 'hand' | 'brush' | 'erase'

export interface Brush {
  /** Diameter in image pixels. */
  readonly size: number
  /** 0..1: 1 = hard edge. */
  readonly hardness: number
  /** 0..1 */
  readonly opacity: number
}

export type CompareMode = 'off' | 'split' | 'hold'

/** A zoom request the viewer carries out around the view centre (or the cursor, for wheels). */
export type ZoomRequest =
  | { readonly kind: 'fit' }
  | { readonly kind: 'actual' }
  | { readonly kind: 'by'; readonly factor: number }

export interface ViewState {
  /**
   * Device pixels per image pixel, as the viewer last reported it: 1 is 100 %, one photo pixel
   * on one physical screen pixel (so 100 % on a 2× display is half as big in CSS pixels).
   */
  readonly scale: number
  readonly fitted: boolean
  /** Increments with every request so the viewer reacts even to a repeated one. */
  readonly zoomRequest: { readonly id: number; readonly request: ZoomRequest }
  readonly tool: Tool
  readonly brush: Brush
  readonly maskVisible: boolean
  readonly compare: CompareMode
  /** Position of the split line, 0..1 of the viewer's width. */
  readonly split: number
  readonly requestZoom: (request: ZoomRequest) => void
  readonly reportScale: (scale: number, fitted: boolean) => void
  readonly setTool: (tool: Tool) => void
  readonly setBrush: (brush: Partial<Brush>) => void
  readonly setMaskVisible: (visible: boolean) => void
  readonly setCompare: (mode: CompareMode) => void
  readonly setSplit: (split: number) => void
}

export const BRUSH_LIMITS = { minSize: 2, maxSize: 2000 } as const

export const useView = create<ViewState>()((set) => ({
  scale: 1,
  fitted: true,
  zoomRequest: { id: 0, request: { kind: 'fit' } },
  tool: 'hand',
  brush: { size: 120, hardness: 0.6, opacity: 1 },
  maskVisible: true,
  compare: 'off',
  split: 0.5,
  requestZoom: (request) => set((s) => ({ zoomRequest: { id: s.zoomRequest.id + 1, request } })),
  reportScale: (scale, fitted) => set({ scale, fitted }),
  setTool: (tool) => set({ tool }),
  setBrush: (brush) =>
    set((s) => {
      const next = { ...s.brush, ...brush }
      const size = Math.min(BRUSH_LIMITS.maxSize, Math.max(BRUSH_LIMITS.minSize, next.size))
      const unit = (v: number): number => Math.min(1, Math.max(0, v))
      return { brush: { size, hardness: unit(next.hardness), opacity: unit(next.opacity) } }
    }),
  setMaskVisible: (maskVisible) => set({ maskVisible }),
  setCompare: (compare) => set({ compare }),
  setSplit: (split) => set({ split: Math.min(1, Math.max(0, split)) })
}))
