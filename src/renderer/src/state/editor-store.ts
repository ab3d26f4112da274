import { create } from 'zustand'
import type { DocumentState, JobProgress } from '../../../shared/domain/document'

export interface Notice {
  readonly kind: 'error' | 'info'
  readonly text: string
}

export interface Busy {
  readonly label: string
  /** 0..1, or null while the amount of work is unknown. */
  readonly fraction: number | null
  /** Set for an edit job on this document: it reports progress and can be cancelled. */
  readonly jobDocId?: string
}

/** Which view fills the window under the toolbar. */
export type AppView = 'editor' | 'gallery'

export interface EditorState {
  readonly doc: DocumentState | null
  readonly busy: Busy | null
  /** The running job's last progress report (null before the first one arrives). */
  readonly job: JobProgress | null
  readonly notice: Notice | null
  readonly dragging: boolean
  readonly exportOpen: boolean
  readonly view: AppView
  readonly setDoc: (doc: DocumentState | null) => void
  readonly setBusy: (busy: Busy | null) => void
  readonly setJob: (job: JobProgress | null) => void
  readonly notify: (notice: Notice | null) => void
  readonly setDragging: (dragging: boolean) => void
  readonly setExportOpen: (open: boolean) => void
  readonly setView: (view: AppView) => void
}

/** The renderer's view state. The document itself lives in main; this mirrors its last state. */
export const useEditor = create<EditorState>()((set) => ({
  doc: null,
  busy: null,
  job: null,
  notice: null,
  dragging: false,
  exportOpen: false,
  view: 'editor',
  setDoc: (doc) => set({ doc }),
  setBusy: (busy) => set(busy ? { busy } : { busy: null, job: null }),
  setJob: (job) => set({ job }),
  notify: (notice) => set({ notice }),
  setDragging: (dragging) => set({ dragging }),
  setExportOpen: (exportOpen) => set({ exportOpen }),
  setView: (view) => set({ view })
}))
