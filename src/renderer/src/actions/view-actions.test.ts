import { beforeEach, describe, expect, it } from 'vitest'
import type { DocumentState } from '../../../shared/domain/document'
import type { LucidApi } from '../../../shared/ipc/api'
import { useEditor } from '../state/editor-store'
import { useView } from '../state/view-store'
import type { Action } from './registry'
import {
  ZOOM_STEP,
  actualSizeAction,
  brushToolAction,
  fitAction,
  handToolAction,
  toggleCompareAction,
  toggleMaskAction,
  zoomInAction,
  zoomOutAction
} from './view-actions'

const run = (action: Action): Promise<void> =>
  action.perform({ api: {} as LucidApi, state: useEditor.getState })

beforeEach(() => {
  useEditor.setState({ doc: { id: 'd' } as DocumentState })
  useView.setState({ compare: 'off', maskVisible: true, tool: 'hand' })
})

describe('view actions', () => {
  it('need an open photo', () => {
    useEditor.setState({ doc: null })
    expect(toggleCompareAction.enabled(useEditor.getState())).toBe(false)
  })

  it('toggle the split comparison and the mask overlay', async () => {
    await run(toggleCompareAction)
    expect(useView.getState().compare).toBe('split')
    await run(toggleCompareAction)
    expect(useView.getState().compare).toBe('off')
    await run(toggleMaskAction)
    expect(useView.getState().maskVisible).toBe(false)
  })

  it('ask the viewer to zoom, each request a new one', async () => {
    const id = useView.getState().zoomRequest.id
    await run(zoomInAction)
    expect(useView.getState().zoomRequest).toEqual({
      id: id + 1,
      request: { kind: 'by', factor: ZOOM_STEP }
    })
    await run(zoomOutAction)
    expect(useView.getState().zoomRequest.request).toEqual({ kind: 'by', factor: 1 / ZOOM_STEP })
    await run(actualSizeAction)
    expect(useView.getState().zoomRequest.request).toEqual({ kind: 'actual' })
    await run(fitAction)
    expect(useView.getState().zoomRequest.request).toEqual({ kind: 'fit' })
  })

  it('pick tools, showing the mask when a painting tool is picked', async () => {
    useView.setState({ maskVisible: false })
    await run(brushToolAction)
    expect(useView.getState()).toMatchObject({ tool: 'brush', maskVisible: true })
    await run(handToolAction)
    expect(useView.getState().tool).toBe('hand')
  })
})
