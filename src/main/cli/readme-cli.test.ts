import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Sharp } from 'sharp'
import sharp from 'sharp'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The README's command-line section, run as written: every line of its shell blocks, in order,
 * through bash, in a folder of small real photos with the names the README uses. The CLI is the
 * package's own build (out/tools, rebuilt here from the sources under test), reached the way the
 * README says: `npm run lucid -- …`, then `npm link` (into a scratch global folder) and `lucid …`.
 */
const repoRoot = resolve(__dirname, '../../..')
const asset = (pkg: string, file: string): string =>
  join(repoRoot, 'node_modules/@upscalerjs', pkg, 'assets', file)

const CLI_SUBCOMMAND = /(?:^|\s)lucid\s+(?:--\s+)?(deblur|lowlight|upscale|denoise|batch)\b/

/** The shell lines of the section called `heading`, in order, comment lines dropped. */
function sectionCommands(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`)
  const next = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, next < 0 ? undefined : next)
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
    (block[1] ?? '').split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
  )
}

/** Every line in any README code block that runs a lucid subcommand. */
function allCliLines(readme: string): string[] {
  return [...readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].flatMap((block) =>
    (block[1] ?? '').split('\n').filter((l) => CLI_SUBCOMMAND.test(l))
  )
}

let work = ''
let globalDir = ''

beforeAll(async () => {
  // The bin the README runs is out/tools/lucid.cjs: build it from the current sources, as
  // `npm install` does (not emptying the folder, so nothing else using it loses its files).
  await build({
    configFile: join(repoRoot, 'vite.tools.config.ts'),
    logLevel: 'silent',
    build: { emptyOutDir: false }
  })
  // Inside the checkout, as the README asks, so npm finds the package.
  const cache = join(repoRoot, 'node_modules', '.cache')
  await mkdir(cache, { recursive: true })
  work = await mkdtemp(join(cache, 'readme-cli-'))
  globalDir = join(work, '.npm-global')
  await mkdir(join(work, 'trip'), { recursive: true })
  const crop = (file: string, width: number, height: number): Sharp =>
    sharp(file).extract({ left: 0, top: 0, width, height })
  const street = asset('maxim-deblurring', 'fixture.png')
  const night = asset('maxim-enhancement', 'fixture.png')
  const small = asset('esrgan-slim', 'fixture.png')
  await Promise.all([
    crop(street, 128, 96).jpeg().toFile(join(work, 'street.jpg')),
    crop(night, 128, 96).jpeg().toFile(join(work, 'night.jpg')),
    crop(small, 48, 40).png().toFile(join(work, 'small.png')),
    crop(asset('maxim-denoising', 'fixture.png'), 96, 96).png().toFile(join(work, 'noisy.png')),
    crop(night, 64, 48)
      .jpeg()
      .toFile(join(work, 'trip', 'dusk.jpg')),
    crop(small, 40, 40)
      .png()
      .toFile(join(work, 'trip', 'detail.png')),
    crop(street, 64, 64).jpeg().toFile(join(work, 'extra.jpg')),
    // A white disc in the middle of the street photo.
    sharp(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="96">' +
          '<rect width="128" height="96" fill="black"/><circle cx="64" cy="48" r="30" fill="white"/></svg>'
      )
    )
      .greyscale()
      .png()
      .toFile(join(work, 'mask.png'))
  ])
}, 180_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

function bash(line: string): Promise<Run> {
  const env = {
    ...process.env,
    // The CLI's data folder (temp journal) and npm's global folder: scratch ones.
    LUCID_DATA_DIR: join(work, '.lucid-data'),
    npm_config_prefix: globalDir,
    PATH: `${join(globalDir, 'bin')}:${process.env.PATH ?? ''}`,
    // Offline, as the README says for `npm link` here.
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    ONNXRUNTIME_NODE_INSTALL: 'skip'
  }
  return new Promise((done) => {
    execFile(
      'bash',
      ['-c', line],
      { cwd: work, env, timeout: 300_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        done({ code, stdout, stderr })
      }
    )
  })
}

/** What a line must leave behind: its `-o` target, an image (or a folder of them for batch). */
async function expectOutput(line: string): Promise<void> {
  const words = line.replace(/\s+#.*$/, '').split(/\s+/)
  const target = words[words.indexOf('-o') + 1]
  if (!CLI_SUBCOMMAND.test(line) || !target) return
  const path = join(work, target)
  if (/\sbatch\s/.test(line)) {
    const written = await readdir(path)
    expect(written, line).toHaveLength(3)
    return
  }
  const meta = await sharp(path).metadata()
  const input = words[words.findIndex((w) => CLI_SUBCOMMAND.test(` lucid ${w}`)) + 1] ?? ''
  const source = await sharp(join(work, input)).metadata()
  const scale = /\supscale\s/.test(line) ? Number(words[words.indexOf('--scale') + 1]) : 1
  expect([meta.width, meta.height], line).toEqual([source.width * scale, source.height * scale])
}

describe("README.md's command line", () => {
  it('has no lucid command outside the section this test runs', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8')
    const run = sectionCommands(readme, 'Command line')
    expect(run.filter((l) => CLI_SUBCOMMAND.test(l)).length).toBeGreaterThanOrEqual(6)
    for (const line of allCliLines(readme)) expect(run, line).toContain(line)
    expect(readme).not.toMatch(/npx lucid/)
  })

  it('runs every line as written', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8')
    for (const line of sectionCommands(readme, 'Command line')) {
      const run = await bash(line)
      expect(run.code, `${line}\n${run.stderr}`).toBe(0)
      if (/^npm link\b/.test(line)) expect(existsSync(join(globalDir, 'bin', 'lucid'))).toBe(true)
      if (/--json/.test(line)) {
        const lines = run.stdout.trim().split('\n')
        const parsed = lines.map((l) => JSON.parse(l) as { type?: string })
        expect(parsed.at(-1)?.type, line).toBe('result')
      }
      await expectOutput(line)
    }
  }, 900_000)
})
