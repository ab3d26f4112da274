import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Settings } from '../../shared/domain/document'
import { SettingsSchema } from '../../shared/domain/document'
import { AUTO_DEVICE } from '../../shared/domain/restoration'
import { writeFileAtomically } from '../engine/atomic-write'

export const DEFAULT_SETTINGS: Settings = { device: AUTO_DEVICE }

/**
 * The app's settings in `<dataDir>/settings.json`, written atomically. A missing or unreadable
 * file means the defaults.
 */
export class SettingsStore {
  private readonly path: string
  private current: Promise<Settings>

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json')
    this.current = readSettings(this.path)
  }

  get(): Promise<Settings> {
    return this.current
  }

  /** @throws LucidError WRITE_FAILED when the file cannot be written (the settings stay as they were) */
  async set(settings: Settings): Promise<Settings> {
    await this.current
    await writeFileAtomically(this.path, Buffer.from(JSON.stringify(settings, null, 2)))
    this.current = Promise.resolve(settings)
    return settings
  }
}

async function readSettings(path: string): Promise<Settings> {
  try {
    const parsed = SettingsSchema.safeParse(JSON.parse(await readFile(path, 'utf8')))
    if (parsed.success) return parsed.data
  } catch {
    // No settings yet, or a damaged file: the defaults.
  }
  return DEFAULT_SETTINGS
}
