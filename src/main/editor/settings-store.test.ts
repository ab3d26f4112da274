import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../testing/images'
import { DEFAULT_SETTINGS, SettingsStore } from './settings-store'

describe('SettingsStore', () => {
  it('persists the device choice', async () => {
    const dir = await tempDir()
    const store = new SettingsStore(dir)
    expect(await store.get()).toEqual(DEFAULT_SETTINGS)
    await store.set({ device: { kind: 'cpu' } })
    expect(await new SettingsStore(dir).get()).toEqual({ device: { kind: 'cpu' } })
  })

  it('falls back to the defaults for a damaged file', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), '{"device": {"kind": "quantum"}}')
    expect(await new SettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS)
  })
})
