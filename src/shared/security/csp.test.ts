import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from './csp'

const directives = (policy: string): Map<string, string[]> =>
  new Map(
    policy.split('; ').map((d) => {
      const [name = '', ...values] = d.split(' ')
      return [name, values]
    })
  )

describe('contentSecurityPolicy', () => {
  it('allows nothing inline or remote in production', () => {
    const csp = directives(contentSecurityPolicy())
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('style-src')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-|https?:|\*/)
  })

  it('relaxes only what the dev server needs in dev', () => {
    const csp = directives(contentSecurityPolicy({ dev: true }))
    expect(csp.get('script-src')).toContain("'unsafe-inline'")
    expect(csp.get('connect-src')).toContain('ws:')
    expect(csp.get('default-src')).toEqual(["'none'"])
  })
})
