import { MAX_PATH_LENGTH } from '../../shared/domain/limits'

/** One way to spoil a valid request: what changed (for failure messages) and the result. */
export interface Mutation {
  readonly what: string
  readonly request: unknown
}

/**
 * Values that break a field of almost any type: wrong types, numbers no schema should take,
 * strings past every length limit or carrying NUL, and objects built to pollute prototypes.
 */
export function hostileValues(): readonly { readonly what: string; readonly value: unknown }[] {
  return [
    { what: 'undefined', value: undefined },
    { what: 'null', value: null },
    { what: 'true', value: true },
    { what: '42', value: 42 },
    { what: 'NaN', value: Number.NaN },
    { what: 'Infinity', value: Number.POSITIVE_INFINITY },
    { what: '-Infinity', value: Number.NEGATIVE_INFINITY },
    { what: '-1', value: -1 },
    { what: '1.5', value: 1.5 },
    { what: '2^53', value: 2 ** 53 },
    { what: 'empty string', value: '' },
    { what: 'huge string', value: 'a'.repeat(MAX_PATH_LENGTH + 1) },
    { what: 'NUL string', value: '/tmp/a\0b' },
    { what: 'array', value: [] },
    { what: 'object', value: {} },
    { what: '__proto__ object', value: JSON.parse('{"__proto__":{"polluted":true}}') as unknown },
    { what: 'constructor object', value: { constructor: { prototype: { polluted: true } } } },
    { what: 'bytes', value: new Uint8Array(1) }
  ]
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype

/**
 * Every single-point spoiling of `request`: the whole request replaced by a hostile value, and
 * at each nested object or array, each key dropped, an unknown or prototype-polluting key
 * added, and each leaf replaced by each hostile value. Some results may still be valid (a
 * dropped optional key): callers keep those the schema rejects.
 */
export function mutationsOf(request: unknown): Mutation[] {
  const out: Mutation[] = hostileValues().map(({ what, value }) => ({
    what: `request = ${what}`,
    request: value
  }))
  const visit = (
    value: unknown,
    path: string,
    rebuild: (replacement: unknown) => unknown
  ): void => {
    if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        const rest = Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))
        out.push({ what: `${path}.${key} dropped`, request: rebuild(rest) })
        visit(value[key], `${path}.${key}`, (replacement) =>
          rebuild({ ...value, [key]: replacement })
        )
      }
      out.push({ what: `${path} + unknown key`, request: rebuild({ ...value, unexpected: 1 }) })
      const polluted = JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>
      out.push({
        what: `${path} + __proto__ key`,
        request: rebuild(Object.assign(polluted, value))
      })
      out.push({
        what: `${path} + constructor key`,
        request: rebuild({ ...value, constructor: { prototype: { polluted: true } } })
      })
      return
    }
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) =>
        visit(item, `${path}[${index}]`, (replacement) =>
          rebuild(value.map((old: unknown, i) => (i === index ? replacement : old)))
        )
      )
      return
    }
    for (const { what, value: hostile } of hostileValues()) {
      if (!Object.is(hostile, value))
        out.push({ what: `${path} = ${what}`, request: rebuild(hostile) })
    }
  }
  visit(request, 'request', (replacement) => replacement)
  return out
}
