import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { LucidApi } from '../../../shared/ipc/api'
import { fail, ok } from '../../../shared/ipc/errors'
import type { ActionContext } from '../actions/registry'
import { useBatch } from '../state/batch-store'
import { useEditor } from '../state/editor-store'
import { controlBatch, enhanceDropped, startRun } from './batch-actions'

const ID = '11111111-2222-4333-8444-555555555555'

const context = (api: unknown): ActionContext => ({
  api: api as LucidApi,
  state: useEditor.getState
})

const photo = (
  name: string,
  path: string | null = null
): Parameters<typeof enhanceDropped>[1][number] => ({
  name,
  path,
  isDirectory: false,
  file: new File([new Uint8Array([1, 2, 3])], name)
})

function memoryStorage(): Storage {
  const map = new Map<string, string>()
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k)
  } as Storage
}

beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage())
  useEditor.setState({ notice: null, busy: null })
  useBatch.setState({ run: null, dialogOpen: false, recipe: 'denoise:0.5' })
})

describe('batch actions', () => {
  it('a started run shows in the panel with its id', async () => {
    const started = await startRun(context({}), 'Batch', 2, () =>
      Promise.resolve(ok({ batchId: ID }))
    )
    expect(started).toBe(true)
    expect(useBatch.getState().run).toMatchObject({ batchId: ID, label: 'Batch' })
  })

  it('a refused start leaves no run and says why; a second batch is refused', async () => {
    const refused = await startRun(context({}), 'Batch', 2, () =>
      Promise.resolve(fail('INVALID_ARGUMENT', 'No such gallery'))
    )
    expect(refused).toBe(false)
    expect(useBatch.getState().run).toBeNull()
    expect(useEditor.getState().notice?.text).toBe('No such gallery')
    await startRun(context({}), 'Batch', 1, () => Promise.resolve(ok({ batchId: ID })))
    const call = vi.fn()
    expect(await startRun(context({}), 'Batch', 1, call)).toBe(false)
    expect(call).not.toHaveBeenCalled()
  })

  it('pause is shown at once and sent to main', async () => {
    await startRun(context({}), 'Batch', 1, () => Promise.resolve(ok({ batchId: ID })))
    const pause = vi.fn(() => Promise.resolve(ok(null)))
    await controlBatch(context({ batch: { pause } }), 'pause')
    expect(pause).toHaveBeenCalledWith({ batchId: ID })
    expect(useBatch.getState().run?.progress.state).toBe('paused')
  })

  it('Enhance with paths sends them and the current recipe', async () => {
    const paths = vi.fn(() => Promise.resolve(ok({ batchId: ID })))
    await enhanceDropped(context({ enhance: { paths } }), [photo('a.jpg', '/p/a.jpg')])
    expect(paths).toHaveBeenCalledWith({ paths: ['/p/a.jpg'], recipe: 'denoise:0.5' })
    expect(useBatch.getState().run?.label).toBe('Enhance')
  })

  it('Enhance without paths asks for a folder first, and stops when it is cancelled', async () => {
    const bytes = vi.fn(() => Promise.resolve(ok({ batchId: ID })))
    const chooseFolder = vi.fn(() => Promise.resolve(ok<{ path: string } | null>(null)))
    const api = { enhance: { bytes }, batch: { chooseFolder } }
    expect(await enhanceDropped(context(api), [photo('a.jpg')])).toBe(false)
    expect(bytes).not.toHaveBeenCalled()
    chooseFolder.mockReturnValue(Promise.resolve(ok({ path: '/out' })))
    expect(await enhanceDropped(context(api), [photo('a.jpg')])).toBe(true)
    expect(bytes).toHaveBeenCalledWith({
      files: [{ name: 'a.jpg', bytes: new Uint8Array([1, 2, 3]) }],
      recipe: 'denoise:0.5',
      folder: '/out'
    })
    // The folder is remembered: no dialog the next time.
    useBatch.setState({ run: null })
    chooseFolder.mockClear()
    await enhanceDropped(context(api), [photo('b.jpg')])
    expect(chooseFolder).not.toHaveBeenCalled()
  })
})
