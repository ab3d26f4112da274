import { describe, expect, it, vi } from 'vitest'
import { LucidError } from '../../shared/ipc/errors'
import type { Caller } from './dispatch'
import { createDispatcher } from './dispatch'
import type { HandlerTable } from './handlers'

const APP = 'lucid://app'
const caller = (origin: string | null = APP): Caller => ({ origin, emit: vi.fn() })
const docId = '0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e'
const state = {
  id: docId,
  name: 'a.png',
  info: { width: 1, height: 1, format: 'png', channels: 3, hasAlpha: false, fileBytes: 10 },
  steps: [],
  cursor: 0,
  revision: 0,
  canUndo: false,
  canRedo: false,
  width: 1,
  height: 1,
  restored: false
} as const

function setup(overrides: Partial<Record<keyof HandlerTable, unknown>> = {}): {
  dispatch: ReturnType<typeof createDispatcher>
  undo: ReturnType<typeof vi.fn>
  log: ReturnType<typeof vi.fn>
} {
  const undo = vi.fn(() => Promise.resolve(state))
  const handlers = { 'edit:undo': undo, ...overrides } as unknown as HandlerTable
  const log = vi.fn()
  return { dispatch: createDispatcher(handlers, { trustedOrigins: [APP], log }), undo, log }
}

describe('createDispatcher', () => {
  it('runs the handler with the validated request', async () => {
    const { dispatch, undo } = setup()
    expect(await dispatch('edit:undo', { docId }, caller())).toEqual({ ok: true, value: state })
    expect(undo).toHaveBeenCalledOnce()
  })

  it('refuses an unknown channel, including prototype keys', async () => {
    const { dispatch } = setup()
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      expect(await dispatch(name, {}, caller())).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' }
      })
    }
  })

  it('refuses a foreign or unknown origin before validating or running anything', async () => {
    const { dispatch, undo } = setup()
    for (const origin of ['https://evil.example', 'file://', 'lucid://apps', null]) {
      expect(await dispatch('edit:undo', { docId }, caller(origin))).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER' }
      })
    }
    expect(undo).not.toHaveBeenCalled()
  })

  it.each([
    ['no request', undefined],
    ['a string', 'x'],
    ['a bad id', { docId: 'not-a-uuid' }],
    ['an extra key', { docId, extra: 1 }],
    ['a wrong type', { docId: 42 }]
  ])('refuses %s with INVALID_ARGUMENT and never calls the handler', async (_name, request) => {
    const { dispatch, undo } = setup()
    const result = await dispatch('edit:undo', request, caller())
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(result.ok ? '' : result.error.message).toMatch(/^Invalid request for edit:undo: /)
    expect(undo).not.toHaveBeenCalled()
  })

  it('passes a LucidError through as a typed error', async () => {
    const { dispatch } = setup({
      'edit:undo': () => Promise.reject(new LucidError('NOT_FOUND', 'gone'))
    })
    expect(await dispatch('edit:undo', { docId }, caller())).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone' }
    })
  })

  it('hides unexpected errors behind INTERNAL and logs them', async () => {
    const { dispatch, log } = setup({
      'edit:undo': () => Promise.reject(new TypeError('boom at /secret/path'))
    })
    const result = await dispatch('edit:undo', { docId }, caller())
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toContain('/secret/path')
    expect(log).toHaveBeenCalledOnce()
  })

  it('treats a handler returning the wrong shape as INTERNAL', async () => {
    const { dispatch } = setup({ 'edit:undo': () => Promise.resolve({ nonsense: true }) })
    expect(await dispatch('edit:undo', { docId }, caller())).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' }
    })
  })
})
