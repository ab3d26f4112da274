import type { OverlayOptions } from 'sharp'
import sharp from 'sharp'
import type { RawImage } from '../engine/raw-image'
import { sharpFromRaw } from '../engine/raw-image'
import type { SheetRow } from './evaluate'

export const SHEET_COLUMNS = ['input', 'best classical', 'raw network', 'Lucid', 'clean'] as const
const CELL = 192
const GAP = 4
const HEADER = 28

/**
 * A contact sheet PNG per tool: one row per crop, its five pictures (input | best classical |
 * raw network | Lucid | clean) each fitted into a 192 px cell, so the differences that PSNR
 * hides (grey, noise, halos) can be seen side by side.
 */
export class ContactSheet {
  private readonly rows: { crop: string; cells: Buffer[] }[] = []

  constructor(private readonly maxRows: number) {}

  async add(row: SheetRow): Promise<void> {
    if (this.rows.length >= this.maxRows) return
    const cells = await Promise.all(row.cells.map((cell) => fit(cell)))
    this.rows.push({ crop: row.crop, cells })
  }

  get size(): number {
    return this.rows.length
  }

  async png(title: string): Promise<Buffer> {
    const width = SHEET_COLUMNS.length * (CELL + GAP) + GAP
    const height = HEADER + this.rows.length * (CELL + GAP) + GAP
    const header = Buffer.from(
      `<svg width="${width}" height="${HEADER}" xmlns="http://www.w3.org/2000/svg">` +
        SHEET_COLUMNS.map(
          (name, i) =>
            `<text x="${GAP + i * (CELL + GAP) + CELL / 2}" y="19" font-family="DejaVu Sans" font-size="14" fill="#ddd" text-anchor="middle">${i === 0 ? `${escape(title)}: ` : ''}${name}</text>`
        ).join('') +
        '</svg>'
    )
    const composites: OverlayOptions[] = [{ input: header, left: 0, top: 0 }]
    this.rows.forEach((row, r) => {
      row.cells.forEach((cell, c) => {
        composites.push({
          input: cell,
          left: GAP + c * (CELL + GAP),
          top: HEADER + GAP + r * (CELL + GAP)
        })
      })
    })
    return sharp({ create: { width, height, channels: 3, background: '#202020' } })
      .composite(composites)
      .png({ compressionLevel: 9 })
      .toBuffer()
  }
}

function fit(image: RawImage): Promise<Buffer> {
  return sharpFromRaw(image)
    .resize(CELL, CELL, { fit: 'contain', background: '#202020', kernel: 'lanczos3' })
    .png()
    .toBuffer()
}

const escape = (text: string): string =>
  text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c
  )
