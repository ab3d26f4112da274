import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ImageRoute } from './image-routes'
import { formatImageRoute, parseImageRoute } from './image-routes'

const uuid = fc.uuid({ version: 4 })
const count = fc.integer({ min: 0, max: 999_999_999 })
const size = fc.integer({ min: 1, max: 999_999_999 })
const hex16 = fc.stringMatching(/^[0-9a-f]{16}$/)

const route: fc.Arbitrary<ImageRoute> = fc.oneof(
  fc.record({ kind: fc.constant('preview' as const), docId: uuid, revision: count }),
  fc.record({ kind: fc.constant('original' as const), docId: uuid }),
  fc.record({
    kind: fc.constant('region' as const),
    docId: uuid,
    revision: count,
    x: count,
    y: count,
    width: size,
    height: size,
    out: size
  }),
  fc.record({
    kind: fc.constant('thumb' as const),
    docId: uuid,
    stepId: fc.oneof(uuid, fc.constant('original'))
  }),
  fc.record({ kind: fc.constant('gallery-thumb' as const), galleryId: uuid, itemId: hex16 })
)

function parse(formatted: string): ImageRoute | null {
  const [path = '', query = ''] = formatted.split('?')
  return parseImageRoute(path, new URLSearchParams(query))
}

/** Path pieces an attacker would mix in: separators, dots, encodings, NUL, drive letters. */
const hostilePiece = fc.constantFrom(
  '..',
  '.',
  '/',
  '//',
  '\\',
  '%2e%2e',
  '%2f',
  '%00',
  '\0',
  'C:',
  '/etc/passwd',
  '~',
  'preview',
  'original',
  'thumb',
  'region',
  'gallery-thumb'
)

describe('image routes', () => {
  it('parse back exactly what they format', () => {
    fc.assert(
      fc.property(route, (r) => {
        expect(parse(formatImageRoute(r))).toEqual(r)
      }),
      { numRuns: 500 }
    )
  })

  it('accept only ids and numbers: anything accepted is its own canonical form', () => {
    const candidate = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc
        .array(fc.oneof(hostilePiece, uuid, fc.string({ maxLength: 8 })), { maxLength: 6 })
        .map((pieces) => pieces.join('/')),
      route
        .map(formatImageRoute)
        .chain((good) =>
          fc
            .tuple(fc.integer({ min: 0, max: good.length }), hostilePiece)
            .map(([at, piece]) => good.slice(0, at) + piece + good.slice(at))
        )
    )
    fc.assert(
      fc.property(candidate, (path) => {
        const parsed = parseImageRoute(path, new URLSearchParams())
        if (parsed === null) return
        // A route names ids, never a file: nothing but lower-case hex, digits, '-' and '/'.
        const canonical = formatImageRoute(parsed)
        expect(canonical).toMatch(/^[a-z-]+(\/[0-9a-z-]+)+(\?[a-z=&0-9]+)?$/)
        expect(canonical).not.toContain('..')
      }),
      { numRuns: 2000 }
    )
  })

  it.each([
    '../../etc/passwd',
    'preview/../../etc/passwd',
    '%2e%2e/%2e%2e/etc/passwd',
    '/etc/passwd',
    'original/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e/..',
    'original/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e\0',
    'original/0B6F8F9E-4A8E-4C61-9D7A-3F8E2B1C0D4E',
    'thumb/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e/../secret',
    'preview/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e/1e3',
    'preview/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e/-1',
    'gallery-thumb/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e/..%2f..%2f..%2f'
  ])('refuses %s', (path) => {
    expect(parseImageRoute(path, new URLSearchParams())).toBeNull()
  })

  it('refuses regions with missing, negative, fractional or NUL-laden numbers', () => {
    const base = 'region/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e/0'
    for (const query of [
      'x=0&y=0&w=8&h=8',
      'x=-1&y=0&w=8&h=8&out=8',
      'x=0.5&y=0&w=8&h=8&out=8',
      'x=0%00&y=0&w=8&h=8&out=8',
      'x=0&y=0&w=0&h=8&out=8',
      'x=0&y=0&w=8&h=8&out=1e3'
    ]) {
      expect(parseImageRoute(base, new URLSearchParams(query))).toBeNull()
    }
    expect(parseImageRoute(base, new URLSearchParams('x=0&y=0&w=8&h=8&out=8'))).not.toBeNull()
  })
})
