import { create } from 'zustand'
import type { DocumentState } from '../../../shared/domain/document'

export type Zoom = 'fit' | 'actual'

export interface Notice {
  readonly kind: 'error' | 'info'
  readonly text: string
}

export interface Busy {
  readonly label: string
  /** 0..1, or null while the amount of work is unknown. */
  readonly fraction: number | null
}

export interface EditorState {
  readonly doc: DocumentState | null
  readonly busy: Busy | null
  readonly notice: Notice | null
  readonly zoom: Zoom
  readonly dragging: boolean
  readonly setDoc: (doc: DocumentState | null) => void
  readonly setBusy: (busy: Busy | null) => void
  readonly notify: (notice: Notice | null) => void
  readonly setZoom: (zoom: Zoom) => void
  readonly setDragging: (dragging: boolean) => void
}

/** The renderer's view state. The document itself lives in main; this mirrors its last state. */
export const useEditor = create<EditorState>()((set) => ({
  doc: null,
  busy: null,
  notice: null,
  zoom: 'fit',
  dragging: false,
  setDoc: (doc) => set({ doc }),
  setBusy: (busy) => set({ busy }),
  notify: (notice) => set({ notice }),
  setZoom: (zoom) => set({ zoom }),
  setDragging: (dragging) => set({ dragging })
}))
