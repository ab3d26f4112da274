import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../testing/images'
import { PRESETS_FILE, PresetStore } from './presets'

describe('PresetStore', () => {
  it('starts empty, saves presets in normal form and reads them back from disk', async () => {
    const dir = await tempDir()
    const store = new PresetStore(dir)
    expect(await store.list()).toEqual([])
    await store.save('Night walk', 'lowlight:0.8, upscale:2')
    await store.save('Clean', 'denoise')
    const reopened = new PresetStore(dir)
    expect(await reopened.list()).toEqual([
      { name: 'Night walk', recipe: 'lowlight:0.8,upscale:2:balanced' },
      { name: 'Clean', recipe: 'denoise:1' }
    ])
  })

  it('keeps deblur and upscale strength and quality, and reads presets saved before them', async () => {
    const dir = await tempDir()
    await writeFile(
      join(dir, PRESETS_FILE),
      JSON.stringify({
        version: 1,
        presets: [{ name: 'Old', recipe: 'deblur,upscale:4:balanced' }]
      })
    )
    const store = new PresetStore(dir)
    expect(await store.save('Sharp', 'deblur:best:0.5, upscale:2:best:0.7')).toEqual([
      { name: 'Old', recipe: 'deblur,upscale:4:balanced' },
      { name: 'Sharp', recipe: 'deblur:0.5:best,upscale:2:best:0.7' }
    ])
  })

  it('replaces a preset of the same name (any case) in place, and removes by name', async () => {
    const store = new PresetStore(await tempDir())
    await store.save('Night', 'lowlight')
    await store.save('Other', 'deblur')
    expect(await store.save('NIGHT', 'lowlight:0.5')).toEqual([
      { name: 'NIGHT', recipe: 'lowlight:0.5' },
      { name: 'Other', recipe: 'deblur' }
    ])
    expect(await store.remove('night')).toEqual([{ name: 'Other', recipe: 'deblur' }])
    expect(await store.remove('absent')).toEqual([{ name: 'Other', recipe: 'deblur' }])
  })

  it('refuses a recipe that does not parse and an empty name, changing nothing', async () => {
    const dir = await tempDir()
    const store = new PresetStore(dir)
    await expect(store.save('Bad', 'sharpen:2')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/Unknown step "sharpen"/) as unknown
    })
    await expect(store.save('  ', 'deblur')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect(await store.list()).toEqual([])
  })

  it('keeps both of two saves made at once', async () => {
    const dir = await tempDir()
    const store = new PresetStore(dir)
    await Promise.all([store.save('A', 'deblur'), store.save('B', 'denoise')])
    expect((await new PresetStore(dir).list()).map((p) => p.name)).toEqual(['A', 'B'])
  })

  it.each([
    ['not JSON', '{"version": 1, "presets": ['],
    ['the wrong shape', '{"presets": "none"}'],
    ['another version', '{"version": 2, "presets": []}']
  ])('reads a file that is %s as no presets, and can save over it', async (_name, text) => {
    const dir = await tempDir()
    await writeFile(join(dir, PRESETS_FILE), text)
    const store = new PresetStore(dir)
    expect(await store.list()).toEqual([])
    await store.save('A', 'deblur')
    expect(JSON.parse(await readFile(join(dir, PRESETS_FILE), 'utf8'))).toEqual({
      version: 1,
      presets: [{ name: 'A', recipe: 'deblur' }]
    })
  })

  it('leaves out only the entries that are damaged', async () => {
    const dir = await tempDir()
    const presets = [
      { name: 'Good', recipe: 'deblur' },
      { name: 'Old step', recipe: 'colorize' },
      { name: '', recipe: 'deblur' },
      { recipe: 'deblur' },
      { name: 'good', recipe: 'denoise' }
    ]
    await writeFile(join(dir, PRESETS_FILE), JSON.stringify({ version: 1, presets }))
    expect(await new PresetStore(dir).list()).toEqual([{ name: 'Good', recipe: 'deblur' }])
  })

  it('creates its folder, and reports a folder it cannot write as WRITE_FAILED', async () => {
    const dir = await tempDir()
    const store = new PresetStore(join(dir, 'new', 'presets'))
    expect(await store.save('A', 'deblur')).toHaveLength(1)
    const file = join(dir, 'file')
    await writeFile(file, 'x')
    const blocked = new PresetStore(join(file, 'presets'))
    await expect(blocked.save('A', 'deblur')).rejects.toMatchObject({ code: 'WRITE_FAILED' })
    expect(await blocked.list()).toEqual([])
  })
})
