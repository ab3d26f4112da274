import { describe, expect, it } from 'vitest'
import { BatchOutputSettingsSchema, nameTemplateProblem } from './batch'

describe('batch output settings', () => {
  it('fill in the defaults', () => {
    expect(BatchOutputSettingsSchema.parse({ folder: '/out' })).toEqual({
      folder: '/out',
      nameTemplate: '{name}_lucid.{ext}',
      format: 'original',
      onExist: 'unique',
      quality: 92,
      keepMetadata: true,
      colourProfile: 'original'
    })
  })

  it('refuse a template that is not a plain file name, with the reason', () => {
    const parsed = BatchOutputSettingsSchema.safeParse({ folder: '/out', nameTemplate: 'a\\b' })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toMatch(/plain file name/)
    expect(
      BatchOutputSettingsSchema.safeParse({ folder: '/out', onExist: 'replace' }).success
    ).toBe(false)
  })
})

describe('nameTemplateProblem', () => {
  it('accepts the placeholders and names without them', () => {
    expect(nameTemplateProblem('{index}_{name}.{ext}')).toBeNull()
    expect(nameTemplateProblem('export.png')).toBeNull()
  })

  it.each([
    ['', /empty/],
    ['a/b', /plain file name/],
    ['.hidden', /must not start/],
    ['{Name}.{ext}', /Unknown placeholder \{Name\}/]
  ])('names what is wrong with %j', (template, message) => {
    expect(nameTemplateProblem(template)).toMatch(message)
  })
})
