// Renders build/icon.svg to the PNGs electron-builder packages:
//   build/icon.png            1024x1024, the source for the .icns/.ico it derives
//   build/icons/<n>x<n>.png   the Linux icon set (the file names carry the size)
// Usage: node scripts/make-icons.mjs
import { mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { stdout } from 'node:process'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build')
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512]
const SVG_SIZE = 1024

/**
 * Rasterise at twice the target size, then downscale: smoother edges than rendering
 * straight at small sizes.
 * @param {Buffer} svg
 * @param {number} size
 * @param {string} file
 */
async function render(svg, size, file) {
  const density = (72 * 2 * size) / SVG_SIZE
  await sharp(svg, { density }).resize(size, size).png({ compressionLevel: 9 }).toFile(file)
  stdout.write(`wrote ${file}\n`)
}

const svg = await readFile(join(buildDir, 'icon.svg'))
await mkdir(join(buildDir, 'icons'), { recursive: true })
await render(svg, 1024, join(buildDir, 'icon.png'))
for (const size of LINUX_SIZES) {
  await render(svg, size, join(buildDir, 'icons', `${size}x${size}.png`))
}
