import { z } from 'zod'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { buildApi, eventKey } from '../../shared/ipc/api'
import { channels, events } from '../../shared/ipc/contract'
import { channelNames, eventNames } from '../../shared/ipc/names'
import { createCore } from '../core'
import { createDispatcher } from './dispatch'
import { ScriptedDialogs } from './scripted-dialogs'

// Captures what registerIpc hands to Electron's ipcMain.
const registered = vi.hoisted(() => new Map<string, unknown>())
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, listener: unknown) => registered.set(channel, listener) }
}))

const core = createCore({ dialogs: new ScriptedDialogs(), importsDir: '/nonexistent' })
afterAll(() => core.close())

describe('the IPC contract', () => {
  it('names exactly the channels and events it defines', () => {
    expect(Object.keys(channels).sort()).toEqual([...channelNames].sort())
    expect(Object.keys(events).sort()).toEqual([...eventNames].sort())
  })

  it.each(channelNames)('%s has a request schema, a response schema and a handler', (name) => {
    expect(channels[name].request).toBeInstanceOf(z.ZodType)
    expect(channels[name].response).toBeInstanceOf(z.ZodType)
    expect(typeof core.handlers[name]).toBe('function')
  })

  it('has no handler without a channel', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...channelNames].sort())
  })

  it.each(eventNames)('event %s has a payload schema', (name) => {
    expect(events[name]).toBeInstanceOf(z.ZodType)
  })

  it.each(channelNames)('%s rejects malformed requests with INVALID_ARGUMENT', async (name) => {
    const dispatch = createDispatcher(core.handlers, { trustedOrigins: ['lucid://app'] })
    for (const garbage of [42, 'x', { unexpected: true }, [1, 2]]) {
      const result = await dispatch(name, garbage, { origin: 'lucid://app', emit: vi.fn() })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
  })

  it('is registered on ipcMain channel by channel', async () => {
    const { registerIpc } = await import('../electron/ipc')
    registerIpc(core.handlers, ['lucid://app'])
    expect([...registered.keys()].sort()).toEqual([...channelNames].sort())
  })

  it('checks the sender frame in the ipcMain listener', async () => {
    const { registerIpc } = await import('../electron/ipc')
    registered.clear()
    registerIpc(core.handlers, ['lucid://app'])
    const listener = registered.get('edit:undo') as (
      event: unknown,
      request: unknown
    ) => Promise<unknown>
    const sender = { isDestroyed: () => false, send: vi.fn() }
    const fromFrame = (url: string, parent: unknown = null): unknown => ({
      senderFrame: { url, parent },
      sender
    })
    const docId = '0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e'
    expect(await listener(fromFrame('https://evil.example/'), { docId })).toMatchObject({
      error: { code: 'FORBIDDEN_SENDER' }
    })
    expect(await listener(fromFrame('lucid://app/index.html', {}), { docId })).toMatchObject({
      error: { code: 'FORBIDDEN_SENDER' }
    })
    expect(await listener({ senderFrame: null, sender }, { docId })).toMatchObject({
      error: { code: 'FORBIDDEN_SENDER' }
    })
    // Trusted frame, valid request: reaches the handler, which reports the unknown document.
    expect(await listener(fromFrame('lucid://app/index.html'), { docId })).toMatchObject({
      error: { code: 'NOT_FOUND' }
    })
  })

  it('builds window.lucid with one function per channel and one onX per event', () => {
    const invoked: unknown[] = []
    const api = buildApi(
      (channel, request) => {
        invoked.push([channel, request])
        return Promise.resolve({ ok: true, value: null })
      },
      () => () => undefined
    ) as unknown as Record<string, Record<string, unknown>>
    for (const name of channelNames) {
      const [namespace = '', method = ''] = name.split(':')
      expect(typeof api[namespace]?.[method]).toBe('function')
    }
    for (const name of eventNames) {
      expect(typeof api.events?.[eventKey(name)]).toBe('function')
    }
    expect(eventKey('job:progress')).toBe('onJobProgress')
    void (api.edit?.undo as (r: unknown) => Promise<unknown>)({ docId: 'x' })
    expect(invoked).toEqual([['edit:undo', { docId: 'x' }]])
  })
})
