import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The `lucid` command end to end: bundled as the package builds it (the CLI and its worker),
 * run as a child process on real photos with the real models.
 */
const repoRoot = resolve(__dirname, '../../..')
const photo = join(repoRoot, 'node_modules/@upscalerjs/esrgan-slim/assets/fixture.png')
let bundle = ''
let work = ''

beforeAll(async () => {
  const cache = join(repoRoot, 'node_modules', '.cache')
  await mkdir(cache, { recursive: true })
  bundle = await mkdtemp(join(cache, 'lucid-cli-'))
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'silent',
    build: {
      ssr: true,
      outDir: bundle,
      minify: false,
      target: 'node20',
      rollupOptions: {
        input: {
          lucid: join(__dirname, 'lucid.ts'),
          'inference-worker': join(repoRoot, 'src/main/engine/worker/inference-worker.ts')
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  })
  work = await mkdtemp(join(tmpdir(), 'lucid-cli-test-'))
}, 120_000)

afterAll(async () => {
  await rm(bundle, { recursive: true, force: true })
  await rm(work, { recursive: true, force: true })
})

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** The CLI keeps its temp journal in the app's data folder: a scratch one here. */
function cliEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LUCID_DATA_DIR: join(work, 'data') }
}

function lucid(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(bundle, 'lucid.cjs'), ...args],
      { cwd: work, timeout: 120_000, env: cliEnv() },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        done({ code, stdout, stderr })
      }
    )
  })
}

const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe('lucid CLI', () => {
  it('upscales a real photo and reports progress as JSON lines', async () => {
    const out = join(work, 'up.png')
    const run = await lucid(
      'upscale',
      photo,
      '-o',
      out,
      '--scale',
      '2',
      '--quality',
      'fast',
      '--device',
      'cpu',
      '--json'
    )
    expect(run.code).toBe(0)
    const lines = jsonLines(run.stdout)
    expect(lines.some((l) => l.type === 'progress' && typeof l.fraction === 'number')).toBe(true)
    const result = lines.at(-1)
    expect(result).toMatchObject({ type: 'result', output: out, width: 256, height: 256 })
    expect(await sharp(out).metadata()).toMatchObject({ width: 256, height: 256, format: 'png' })
  }, 120_000)

  it('passes --strength and --quality to deblur and upscale (strength 0 runs no model)', async () => {
    const kept = join(work, 'kept.png')
    const deblurred = await lucid(
      'deblur',
      photo,
      '-o',
      kept,
      '--strength',
      '0',
      '--quality',
      'best',
      '--json'
    )
    expect(deblurred.code).toBe(0)
    expect(jsonLines(deblurred.stdout).at(-1)).toMatchObject({
      type: 'result',
      steps: [expect.objectContaining({ tilesInferred: 0 })]
    })
    const [before, after] = await Promise.all(
      [photo, kept].map((file) => sharp(file).removeAlpha().raw().toBuffer())
    )
    expect(after?.equals(before ?? Buffer.alloc(0))).toBe(true)
    const enlarged = join(work, 'lanczos.png')
    const upscaled = await lucid(
      'upscale',
      photo,
      '-o',
      enlarged,
      '--scale',
      '2',
      '--strength',
      '0',
      '--json'
    )
    expect(upscaled.code).toBe(0)
    expect(jsonLines(upscaled.stdout).at(-1)).toMatchObject({
      width: 256,
      steps: [expect.objectContaining({ tilesInferred: 0 })]
    })
  }, 120_000)

  it('asking for CUDA here falls back to the CPU and says why', async () => {
    const run = await lucid(
      'upscale',
      photo,
      '-o',
      join(work, 'cuda.png'),
      '--scale',
      '2',
      '--quality',
      'fast',
      '--device',
      'cuda'
    )
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/lucid: CUDA unavailable: .*running on CPU/)
  }, 120_000)

  it.each([
    [
      'a missing file',
      ['upscale', 'missing.png', '-o', 'a.png', '--scale', '2'],
      /could not be found/
    ],
    [
      'an unknown output format',
      ['denoise', photo, '-o', 'a.bmp'],
      /Cannot tell the output format/
    ],
    [
      'a bad strength',
      ['lowlight', photo, '-o', 'a.png', '--strength', '3'],
      /strength is a number from 0 to 1/
    ],
    [
      'a bad deblur strength',
      ['deblur', photo, '-o', 'a.png', '--strength', '-0.5'],
      /strength is a number from 0 to 1/
    ],
    [
      'a deblur quality that does not exist',
      ['deblur', photo, '-o', 'a.png', '--quality', 'fast'],
      /Allowed choices are balanced, best/
    ],
    [
      'a bad upscale strength',
      ['upscale', photo, '-o', 'a.png', '--scale', '2', '--strength', '1.5'],
      /strength is a number from 0 to 1/
    ],
    [
      'a bad scale',
      ['upscale', photo, '-o', 'a.png', '--scale', '5'],
      /Allowed choices are 2, 3, 4, 8/
    ],
    ['a bad device', ['denoise', photo, '-o', 'a.png', '--device', 'tpu'], /use auto, cpu, cuda/]
  ])(
    'refuses %s with one clear line, a non-zero exit and no output',
    async (_name, args, message) => {
      const run = await lucid(...args)
      expect(run.code).not.toBe(0)
      expect(run.stderr).toMatch(message)
      expect(existsSync(join(work, 'a.png'))).toBe(false)
    },
    60_000
  )

  it('refuses a corrupt photo and a mask of the wrong size, writing nothing', async () => {
    const corrupt = join(work, 'corrupt.png')
    const bytes = await sharp(photo).png().toBuffer()
    await writeFile(corrupt, bytes.subarray(0, bytes.length / 2))
    const mask = join(work, 'mask.png')
    await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .png()
      .toFile(mask)
    const broken = await lucid('denoise', corrupt, '-o', 'b.png')
    expect(broken.code).toBe(1)
    expect(broken.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^lucid: corrupt\.png could not be decoded/)
    ])
    const masked = await lucid('deblur', photo, '-o', 'c.png', '--mask', mask)
    expect(masked.code).toBe(1)
    expect(masked.stderr).toMatch(/must match the image \(128×128\)/)
    expect(existsSync(join(work, 'b.png')) || existsSync(join(work, 'c.png'))).toBe(false)
  }, 60_000)

  it('batch: one bad photo never stops the others, and the exit status says some failed', async () => {
    const inputs = join(work, 'inputs')
    const outputs = join(work, 'outputs')
    await mkdir(inputs)
    await copyFile(photo, join(inputs, 'a.png'))
    await copyFile(photo, join(inputs, 'c.png'))
    await writeFile(join(inputs, 'b.png'), 'not an image')
    const run = await lucid(
      'batch',
      inputs,
      '-o',
      outputs,
      '--recipe',
      'upscale:2:fast',
      '--device',
      'cpu',
      '--json'
    )
    expect(run.code).toBe(3)
    const result = jsonLines(run.stdout).at(-1)
    expect(result).toMatchObject({ type: 'result', written: 2 })
    expect(result?.failed).toEqual([expect.objectContaining({ input: join(inputs, 'b.png') })])
    expect((await readdir(outputs)).sort()).toEqual(['a_lucid.png', 'c_lucid.png'])
    const lines = jsonLines(run.stdout)
    expect(lines).toContainEqual(
      expect.objectContaining({ type: 'item-failed', input: join(inputs, 'b.png'), index: 1 })
    )
    expect(lines.filter((l) => l.type === 'item-done')).toHaveLength(2)
    expect(lines.at(-2)).toMatchObject({ type: 'batch-progress', state: 'done', fraction: 1 })

    // Again with --on-exist skip: the two written photos are skipped, the bad one fails again.
    const again = await lucid(
      'batch',
      join(inputs, 'a.png'),
      join(inputs, 'c.png'),
      '-o',
      outputs,
      '--recipe',
      'upscale:2:fast',
      '--device',
      'cpu',
      '--on-exist',
      'skip'
    )
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/^0 of 2 written to .*, 2 skipped \(already there\)$/m)
    expect((await readdir(outputs)).sort()).toEqual(['a_lucid.png', 'c_lucid.png'])
  }, 120_000)

  it('batch: refuses a name template that is not a plain file name, writing nothing', async () => {
    const run = await lucid(
      'batch',
      photo,
      '-o',
      'named',
      '--recipe',
      'deblur',
      '--name',
      '../{name}'
    )
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^lucid: The name template must give a plain file name/)
    ])
    expect(existsSync(join(work, 'named'))).toBe(false)
  }, 60_000)

  it('batch: Ctrl+C stops the photos in flight, writes nothing and exits 130', async () => {
    const inputs = join(work, 'large')
    const outputs = join(work, 'cancelled')
    await mkdir(inputs)
    for (const name of ['a.png', 'b.png', 'c.png']) {
      await sharp(photo).resize(1024, 1024).png().toFile(join(inputs, name))
    }
    const args = ['batch', inputs, '-o', outputs, '--recipe', 'upscale:2:fast', '--json']
    const child = spawn(process.execPath, [join(bundle, 'lucid.cjs'), ...args, '--device', 'cpu'], {
      cwd: work,
      env: cliEnv()
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      // Interrupt once a photo is being restored (each takes seconds here).
      const seen = stdout.includes('"item-progress"')
      stdout += chunk.toString()
      if (!seen && stdout.includes('"item-progress"')) child.kill('SIGINT')
    })
    const code = await new Promise<number | null>((done) => child.on('exit', done))
    expect(code).toBe(130)
    const lines = jsonLines(stdout)
    expect(lines.at(-1)).toMatchObject({ type: 'result', written: 0, cancelled: true, notRun: 3 })
    expect(lines.filter((l) => l.type === 'item-cancelled').length).toBeGreaterThan(0)
    expect(lines.some((l) => l.type === 'item-start' && l.input === join(inputs, 'c.png'))).toBe(
      false
    )
    expect(await readdir(outputs)).toEqual([])
  }, 120_000)

  it('has help for every command', async () => {
    for (const command of ['deblur', 'lowlight', 'denoise', 'upscale', 'batch']) {
      const run = await lucid(command, '--help')
      expect(run.code).toBe(0)
      expect(run.stdout).toContain(`Usage: lucid ${command}`)
      expect(run.stdout).toContain('--device')
    }
  }, 60_000)
  it('deletes at start what a killed run left (its journal names it), never a live run’s', async () => {
    const journals = join(work, 'data', 'temp-journal')
    await mkdir(journals, { recursive: true })
    const dead = spawn(process.execPath, ['-e', ''])
    await new Promise((done) => dead.on('exit', done))
    const leftover = join(work, 'killed.png.4242424242')
    await writeFile(leftover, 'half a PNG')
    const deadJournal = join(journals, `${dead.pid}-0123456789abcdef.log`)
    const records = [
      { op: 'begin', id: 1, target: join(work, 'killed.png') },
      { op: 'temp', id: 1, path: leftover }
    ]
    await writeFile(deadJournal, records.map((r) => JSON.stringify(r)).join('\n') + '\n')
    // A write this (live) test process has in flight is not the CLI's to delete.
    const inFlight = join(work, 'live.png.77')
    await writeFile(inFlight, 'being written')
    const liveRecords = [
      { op: 'begin', id: 1, target: join(work, 'live.png') },
      { op: 'temp', id: 1, path: inFlight }
    ]
    await writeFile(
      join(journals, `${process.pid}-fedcba9876543210.log`),
      liveRecords.map((r) => JSON.stringify(r)).join('\n') + '\n'
    )

    // Any command cleans up first, even one that then fails on its arguments.
    const run = await lucid('deblur', photo, '-o', join(work, 'out.unknown'))
    expect(run.code).toBe(1)
    expect(existsSync(leftover)).toBe(false)
    expect(existsSync(deadJournal)).toBe(false)
    expect(existsSync(inFlight)).toBe(true)
  })
})
