import { describe, expect, it } from 'vitest'
import type { ExportOptions } from '../../../shared/domain/document'
import {
  EXPORT_FORMATS,
  defaultExportOptions,
  loadExportOptions,
  normaliseExportOptions,
  saveExportOptions,
  supportsBitDepth,
  supportsQuality
} from './export-options'

class MemoryStorage {
  readonly items = new Map<string, string>()
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value)
  }
}

const options = (patch: Partial<ExportOptions>): ExportOptions => ({
  ...defaultExportOptions(false),
  ...patch
})

describe('export options', () => {
  it('allows 16-bit only for PNG and TIFF, quality only for lossy formats', () => {
    expect(EXPORT_FORMATS.filter(supportsBitDepth)).toEqual(['png', 'tiff'])
    expect(EXPORT_FORMATS.filter(supportsQuality)).toEqual(['jpeg', 'webp', 'avif'])
  })

  it('drops 16-bit when the format cannot hold it and keeps it when it can', () => {
    expect(normaliseExportOptions(options({ format: 'jpeg', bitDepth: 16 })).bitDepth).toBe(8)
    expect(normaliseExportOptions(options({ format: 'webp', bitDepth: 16 })).bitDepth).toBe(8)
    expect(normaliseExportOptions(options({ format: 'tiff', bitDepth: 16 })).bitDepth).toBe(16)
  })

  it('defaults to PNG for photos with transparency and JPEG otherwise', () => {
    expect(defaultExportOptions(true).format).toBe('png')
    expect(defaultExportOptions(false)).toEqual({
      format: 'jpeg',
      quality: 90,
      bitDepth: 8,
      keepMetadata: true,
      colourProfile: 'original'
    })
  })

  it('remembers the last options and ignores stored garbage', () => {
    const storage = new MemoryStorage()
    expect(loadExportOptions(storage)).toBeNull()
    const chosen = options({ format: 'png', bitDepth: 16, keepMetadata: false })
    saveExportOptions(storage, chosen)
    expect(loadExportOptions(storage)).toEqual(chosen)

    storage.setItem('lucid.export-options', '{"format":"bmp"}')
    expect(loadExportOptions(storage)).toBeNull()
    storage.setItem('lucid.export-options', 'not json')
    expect(loadExportOptions(storage)).toBeNull()
  })
})
