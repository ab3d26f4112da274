import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../testing/images'
import type { OutputNaming } from './output-plan'
import { outputFormat, planOutputs, planOutputsOnDisk } from './output-plan'

const naming = (overrides: Partial<OutputNaming> = {}): OutputNaming => ({
  folder: '/out',
  nameTemplate: '{name}_lucid.{ext}',
  format: 'original',
  onExist: 'unique',
  ...overrides
})

const outputs = (plan: ReturnType<typeof planOutputs>): (string | null)[] =>
  plan.map((p) => (p.action === 'write' ? p.output : null))

describe('outputFormat', () => {
  it('keeps the input format, falls back to PNG, or takes the one asked for', () => {
    expect(outputFormat('/in/a.JPG', 'original')).toBe('jpeg')
    expect(outputFormat('/in/a.heic', 'original')).toBe('png')
    expect(outputFormat('/in/a.gif', 'original')).toBe('png')
    expect(outputFormat('/in/a.png', 'webp')).toBe('webp')
  })
})

describe('planOutputs', () => {
  it('fills {name}, {ext} and a zero-padded {index}', () => {
    const inputs = Array.from({ length: 10 }, (_, i) => `/in/p${i}.jpg`)
    const plan = planOutputs(inputs, naming({ nameTemplate: '{index}-{name}.{ext}' }), new Set())
    expect(outputs(plan).slice(0, 2)).toEqual(['/out/01-p0.jpg', '/out/02-p1.jpg'])
    expect(plan[9]).toEqual({
      action: 'write',
      input: '/in/p9.jpg',
      output: '/out/10-p9.jpg',
      format: 'jpeg',
      overwrite: false
    })
  })

  it('never gives two photos of a batch the same name, whatever the policy', () => {
    const inputs = ['/in/a.png', '/other/a.png', '/in/a.tif']
    for (const onExist of ['unique', 'skip', 'overwrite'] as const) {
      const plan = planOutputs(inputs, naming({ onExist, format: 'png' }), new Set())
      expect(outputs(plan)).toEqual([
        '/out/a_lucid.png',
        '/out/a_lucid (2).png',
        '/out/a_lucid (3).png'
      ])
    }
  })

  it('unique numbers a name that is taken on disk, past every taken number', () => {
    const existing = new Set(['a_lucid.png', 'a_lucid (2).png'])
    expect(outputs(planOutputs(['/in/a.png'], naming(), existing))).toEqual([
      '/out/a_lucid (3).png'
    ])
  })

  it('skip leaves out a photo whose output exists, with the reason', () => {
    const plan = planOutputs(
      ['/in/a.png', '/in/b.png'],
      naming({ onExist: 'skip' }),
      new Set(['a_lucid.png'])
    )
    expect(plan[0]).toEqual({
      action: 'skip',
      input: '/in/a.png',
      output: '/out/a_lucid.png',
      reason: 'a_lucid.png already exists'
    })
    expect(plan[1]).toMatchObject({ action: 'write', output: '/out/b_lucid.png' })
  })

  it('overwrite replaces an existing output', () => {
    const plan = planOutputs(
      ['/in/a.png'],
      naming({ onExist: 'overwrite' }),
      new Set(['a_lucid.png'])
    )
    expect(plan[0]).toMatchObject({ action: 'write', output: '/out/a_lucid.png', overwrite: true })
  })

  it('never plans onto an original, not even with overwrite or into the photos’ own folder', () => {
    const inputs = ['/in/a.png', '/in/b.png']
    for (const onExist of ['unique', 'skip', 'overwrite'] as const) {
      const plan = planOutputs(
        inputs,
        naming({ folder: '/in', nameTemplate: 'b.{ext}', onExist }),
        new Set(['a.png', 'b.png'])
      )
      expect(outputs(plan)).toEqual(['/in/b (2).png', '/in/b (3).png'])
    }
  })

  it.each([
    ['../{name}.{ext}', /plain file name/],
    ['sub/{name}', /plain file name/],
    ['.{name}', /must not start with "."/],
    ['{name}_{date}.{ext}', /Unknown placeholder \{date\}/],
    ['  ', /empty/]
  ])('refuses the template %s', (nameTemplate, message) => {
    expect(() => planOutputs(['/in/a.png'], naming({ nameTemplate }), new Set())).toThrow(message)
  })

  it('does not let a name of dots climb out of the folder', () => {
    expect(
      outputs(planOutputs(['/in/...png'], naming({ nameTemplate: '{name}' }), new Set()))
    ).toEqual(['/out/photo'])
  })
})

describe('planOutputsOnDisk', () => {
  it('reads the folder, and sees an original through a symlinked folder', async () => {
    const dir = await realpath(await tempDir())
    const photos = join(dir, 'photos')
    await mkdir(photos)
    await writeFile(join(photos, 'a.png'), 'x')
    await writeFile(join(photos, 'a_lucid.png'), 'x')
    const link = join(dir, 'link')
    await symlink(photos, link)
    const plan = await planOutputsOnDisk(
      [join(photos, 'a.png')],
      naming({ folder: link, nameTemplate: '{name}.{ext}', onExist: 'overwrite' })
    )
    expect(plan[0]).toMatchObject({ action: 'write', output: join(photos, 'a (2).png') })
    const unique = await planOutputsOnDisk([join(photos, 'a.png')], naming({ folder: photos }))
    expect(unique[0]).toMatchObject({ output: join(photos, 'a_lucid (2).png') })
  })

  it('plans into a folder that does not exist yet', async () => {
    const dir = await realpath(await tempDir())
    const plan = await planOutputsOnDisk(['/in/a.png'], naming({ folder: join(dir, 'new') }))
    expect(plan[0]).toMatchObject({ output: join(dir, 'new', 'a_lucid.png') })
  })
})
