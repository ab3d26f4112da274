import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { Channel } from '../../shared/ipc/contract'
import { channels } from '../../shared/ipc/contract'
import type { ErrorCode, Result } from '../../shared/ipc/errors'
import { LucidError, errorCodes } from '../../shared/ipc/errors'
import { channelNames } from '../../shared/ipc/names'
import { hostileValues, mutationsOf } from '../testing/request-mutations'
import { sampleFixture, validRequests } from '../testing/valid-requests'
import type { Caller } from './dispatch'
import { createDispatcher } from './dispatch'
import type { Handler, HandlerTable } from './handlers'

/**
 * Properties of the dispatcher over every channel, with stub handlers that only note what
 * reached them: whatever a renderer sends, the dispatcher returns a Result with a known code and
 * never throws; a handler only ever sees a request its schema accepts; parsing is idempotent;
 * and nothing gets through from another origin or to an unknown channel.
 */
const APP = 'lucid://app'
const RUNS = 120
const examples = validRequests(sampleFixture)
const reached: { channel: Channel; request: unknown }[] = []
const unexpected: unknown[] = []

const stubs = Object.fromEntries(
  channelNames.map((name) => {
    const stub: Handler<Channel> = (request) => {
      reached.push({ channel: name, request })
      return Promise.reject(new LucidError('NOT_FOUND', 'stub'))
    }
    return [name, stub]
  })
) as unknown as HandlerTable
const dispatch = createDispatcher(stubs, {
  trustedOrigins: [APP],
  log: (_message, error) => unexpected.push(error)
})
const caller = (origin: string | null): Caller => ({ origin, emit: () => undefined })
const known = new Set<string>(errorCodes)

afterEach(() => {
  reached.length = 0
})

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype

/**
 * Requests near a valid one: each key kept, dropped or given an arbitrary or hostile value,
 * recursively, with sometimes an extra key; so the schema's every field and limit is exercised,
 * not only its outer type, which random values alone almost never get past.
 */
function nearValid(example: unknown): fc.Arbitrary<unknown> {
  const mostly = <T>(
    usual: fc.Arbitrary<T>,
    ...rare: fc.Arbitrary<unknown>[]
  ): fc.Arbitrary<unknown> =>
    fc.oneof(
      { weight: 6, arbitrary: usual },
      ...rare.map((arbitrary) => ({ weight: 1, arbitrary }))
    )
  if (isPlainObject(example)) {
    const fields = Object.fromEntries(
      Object.entries(example).map(([key, value]) => [key, nearValid(value)])
    )
    const extra = mostly(
      fc.constant({}),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { minKeys: 1, maxKeys: 2 })
    )
    return fc
      .tuple(mostly(fc.record(fields), fc.record(fields, { requiredKeys: [] })), extra)
      .map(([record, more]) => ({ ...(more as object), ...(record as object) }))
  }
  if (Array.isArray(example)) {
    const items = example.map((item: unknown) => nearValid(item))
    return mostly(fc.tuple(...items), fc.array(fc.oneof(...items, fc.anything()), { maxLength: 4 }))
  }
  return mostly(
    fc.constant(example),
    fc.constantFrom(...hostileValues().map(({ value }) => value)),
    fc.anything()
  )
}

function requestsFor(name: Channel): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: nearValid(examples[name]) },
    { weight: 1, arbitrary: fc.constantFrom(...mutationsOf(examples[name]).map((m) => m.request)) },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.anything() }
  )
}

function expectFailure(result: Result<unknown>, code?: ErrorCode): void {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(known.has(result.error.code)).toBe(true)
  if (code) expect(result.error.code).toBe(code)
}

describe('the dispatcher, for any request', () => {
  it.each(channelNames)(
    '%s: answers with a known error code, never throws, and hands its handler only valid requests',
    async (name) => {
      const schema = channels[name].request
      let accepted = 0
      await fc.assert(
        fc.asyncProperty(requestsFor(name), async (request) => {
          reached.length = 0
          const parsed = schema.safeParse(request)
          const result = await dispatch(name, request, caller(APP))
          if (parsed.success) {
            accepted++
            // Parsing is idempotent: what the handler gets is itself a valid request.
            expect(schema.safeParse(parsed.data)).toEqual({ success: true, data: parsed.data })
            expect(reached.map((r) => r.channel)).toEqual([name])
            expect(schema.safeParse(reached[0]?.request).success).toBe(true)
            expectFailure(result, 'NOT_FOUND')
          } else {
            expect(reached).toEqual([])
            expectFailure(result, 'INVALID_ARGUMENT')
          }
          expect(unexpected).toEqual([])
          expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        }),
        // The valid example first: every run reaches the handler at least once.
        { numRuns: RUNS, examples: [[examples[name]]] }
      )
      // Not vacuous: requests the handler got were among those tried, not only rejected ones.
      expect(accepted).toBeGreaterThan(0)
    }
  )
})

describe('the dispatcher, for any caller', () => {
  const origins = fc.oneof(
    fc.string(),
    fc.webUrl().map((url) => new URL(url).origin),
    fc.constantFrom('lucid://app/', 'lucid://App', ' lucid://app', 'lucid://app.', null)
  )

  it('refuses every origin but the app, before reading the request', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channelNames),
        origins.filter((origin) => origin !== APP),
        fc.boolean(),
        async (name, origin, valid) => {
          reached.length = 0
          const request: unknown = valid ? examples[name] : { unexpected: true }
          expectFailure(await dispatch(name, request, caller(origin)), 'FORBIDDEN_SENDER')
          expect(reached).toEqual([])
        }
      ),
      { numRuns: 200 }
    )
  })

  it('refuses every channel name outside the contract', async () => {
    const names = fc.oneof(
      fc.string(),
      fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'image:open ', 'IMAGE:OPEN')
    )
    await fc.assert(
      fc.asyncProperty(
        names.filter((name) => !(channelNames as readonly string[]).includes(name)),
        async (name) => {
          reached.length = 0
          expectFailure(await dispatch(name, undefined, caller(APP)), 'UNKNOWN_CHANNEL')
          expect(reached).toEqual([])
        }
      ),
      { numRuns: 200 }
    )
  })
})
