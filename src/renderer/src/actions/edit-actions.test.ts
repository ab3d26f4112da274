import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DocumentState } from '../../../shared/domain/document'
import type { Mask } from '../../../shared/domain/mask'
import { EMPTY_MASK } from '../../../shared/domain/mask'
import type { LucidApi } from '../../../shared/ipc/api'
import { fail, ok } from '../../../shared/ipc/errors'
import { useEditor } from '../state/editor-store'
import type { ActionContext } from './registry'
import {
  applyEdit,
  cancelJobAction,
  deblurRequest,
  effectiveScope,
  jumpTo,
  operationLabel
} from './edit-actions'

const DOC_ID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f'

const doc = (patch: Partial<DocumentState> = {}): DocumentState => ({
  id: DOC_ID,
  name: 'beach.jpg',
  info: { width: 40, height: 30, format: 'jpeg', channels: 3, hasAlpha: false, fileBytes: 100 },
  steps: [],
  cursor: 0,
  revision: 0,
  canUndo: false,
  canRedo: false,
  width: 40,
  height: 30,
  restored: false,
  ...patch
})

const settings = { strength: 1, quality: 'balanced' } as const

const painted: Mask = {
  strokes: [{ mode: 'paint', size: 10, hardness: 1, opacity: 1, points: [[1, 1]] }],
  inverted: false
}

function fakeApi(edit: Partial<LucidApi['edit']>): LucidApi {
  return { edit } as unknown as LucidApi
}

const context = (api: LucidApi): ActionContext => ({ api, state: useEditor.getState })

beforeEach(() => {
  useEditor.setState({ doc: doc(), busy: null, job: null, notice: null })
})

describe('deblur scope', () => {
  it('sends the mask only when a region is painted and chosen', () => {
    expect(effectiveScope('region', EMPTY_MASK)).toBe('whole')
    expect(effectiveScope('region', painted)).toBe('region')
    const operation = { op: 'deblur', ...settings }
    expect(deblurRequest('region', painted, settings)).toEqual({ operation, mask: painted })
    expect(deblurRequest('whole', painted, settings)).toEqual({ operation })
    expect(deblurRequest('region', EMPTY_MASK, settings)).toEqual({ operation })
  })

  it('sends the strength and quality chosen in the panel', () => {
    expect(deblurRequest('whole', EMPTY_MASK, { strength: 0.4, quality: 'best' })).toEqual({
      operation: { op: 'deblur', strength: 0.4, quality: 'best' }
    })
  })

  it('labels operations for the busy indicator', () => {
    expect(operationLabel({ op: 'upscale', scale: 4 })).toBe('Upscale ×4')
    expect(operationLabel({ op: 'lowlight' })).toBe('Low-light')
  })
})

describe('applyEdit', () => {
  it('runs the operation as a job of the document and shows the new state', async () => {
    const next = doc({ revision: 1, cursor: 1 })
    let busyDuring: unknown
    const apply = vi.fn((_request: unknown) => {
      busyDuring = useEditor.getState().busy
      return Promise.resolve(ok(next))
    })
    await applyEdit(context(fakeApi({ apply })), deblurRequest('region', painted, settings))
    expect(apply).toHaveBeenCalledWith({
      docId: DOC_ID,
      operation: { op: 'deblur', ...settings },
      mask: painted
    })
    expect(busyDuring).toEqual({ label: 'Deblur', fraction: null, jobDocId: DOC_ID })
    expect(useEditor.getState().doc).toBe(next)
    expect(useEditor.getState().busy).toBeNull()
  })

  it('reports a cancelled job as information and keeps the document', async () => {
    const before = useEditor.getState().doc
    const apply = vi.fn(() => Promise.resolve(fail('CANCELLED', 'The job was cancelled')))
    await applyEdit(context(fakeApi({ apply })), { operation: { op: 'denoise', strength: 0.5 } })
    expect(useEditor.getState().notice).toEqual({ kind: 'info', text: 'Cancelled' })
    expect(useEditor.getState().doc).toBe(before)
  })

  it('shows any other failure as a readable error', async () => {
    const apply = vi.fn(() => Promise.resolve(fail('OUT_OF_MEMORY', 'Not enough memory for ×8')))
    await applyEdit(context(fakeApi({ apply })), { operation: { op: 'upscale', scale: 8 } })
    expect(useEditor.getState().notice).toEqual({ kind: 'error', text: 'Not enough memory for ×8' })
  })
})

describe('cancel and jump', () => {
  it('cancels only while a job of the document runs', async () => {
    const cancel = vi.fn(() => Promise.resolve(ok(null)))
    expect(cancelJobAction.enabled(useEditor.getState())).toBe(false)
    useEditor.getState().setBusy({ label: 'Deblur', fraction: 0.2, jobDocId: DOC_ID })
    expect(cancelJobAction.enabled(useEditor.getState())).toBe(true)
    await cancelJobAction.perform(context(fakeApi({ cancel })))
    expect(cancel).toHaveBeenCalledWith({ docId: DOC_ID })
  })

  it('jumps to a history row, and does nothing for the current one', async () => {
    const target = doc({ cursor: 0, revision: 5 })
    const jump = vi.fn(() => Promise.resolve(ok(target)))
    useEditor.setState({ doc: doc({ cursor: 2 }) })
    await jumpTo(context(fakeApi({ jumpTo: jump })), 2)
    expect(jump).not.toHaveBeenCalled()
    await jumpTo(context(fakeApi({ jumpTo: jump })), 0)
    expect(jump).toHaveBeenCalledWith({ docId: DOC_ID, cursor: 0 })
    expect(useEditor.getState().doc).toBe(target)
  })
})
