import { spawn } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lowContrastImage, tempDir } from '../images'
import { checkExport, exportReference, tempFilesUnder } from './export-check'

async function reference(dir: string): Promise<{ path: string; bytes: Buffer }> {
  const path = join(dir, 'reference.png')
  await lowContrastImage(800, 600).png({ compressionLevel: 0 }).toFile(path)
  return { path, bytes: await readFile(path) }
}

/**
 * Writes `source` to `target` the way an unsafe exporter would: straight into the target, in
 * chunks, in another process; kills that process half-way through the data. The child says when
 * it is there and then waits to be killed, so the kill lands mid-write however fast either side
 * runs.
 */
async function killedPlainWrite(source: string, target: string): Promise<void> {
  const script = `
    const fs = require('fs')
    const data = fs.readFileSync(process.argv[1])
    const fd = fs.openSync(process.argv[2], 'w')
    for (let at = 0; at < data.length / 2; at += 16384) {
      fs.writeSync(fd, data, at, Math.min(16384, data.length - at))
    }
    process.stdout.write('half-way\\n', () => {
      // Killed long before this ends; should the test die first, do not linger.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000)
      process.exit(1)
    })`
  const child = spawn(process.execPath, ['-e', script, source, target])
  const exited = new Promise((resolve) => child.on('exit', resolve))
  await new Promise<void>((resolve, reject) => {
    let said = ''
    child.stdout.on('data', (chunk: Buffer) => {
      said += chunk.toString()
      if (said.includes('half-way')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`the writer exited (${code}) before half-way`)))
  })
  child.kill('SIGKILL')
  await exited
}

describe('checkExport', () => {
  it('calls the reference itself complete, and another image different', async () => {
    const dir = await tempDir()
    const { path } = await reference(dir)
    const ref = await exportReference(path)
    expect(await checkExport(path, ref)).toBe('complete')
    const other = join(dir, 'other.png')
    await lowContrastImage(800, 600, 10, 250).png().toFile(other)
    expect(await checkExport(other, ref)).toBe('different')
  })

  it('calls a cut-short file partial', async () => {
    const dir = await tempDir()
    const { path, bytes } = await reference(dir)
    const cut = join(dir, 'cut.png')
    await writeFile(cut, bytes.subarray(0, bytes.length - 5000))
    expect(await checkExport(cut, await exportReference(path))).toBe('partial')
  })

  it('catches a plain (non-atomic) write killed mid-write: the checker can fail', async () => {
    const dir = await tempDir()
    const { path } = await reference(dir)
    const target = join(dir, 'out', 'export.png')
    await mkdir(join(dir, 'out'))
    await killedPlainWrite(path, target)
    expect(await checkExport(target, await exportReference(path))).toBe('partial')
  })
})

describe('tempFilesUnder', () => {
  it('finds temporary-looking files at any depth, and nothing else', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'a', 'b'), { recursive: true })
    for (const name of ['x.png', 'a/x.png.123', 'a/b/y.raw.0123456789ab.tmp', 'a/b/z.json']) {
      await writeFile(join(dir, name), '')
    }
    expect((await tempFilesUnder(dir)).sort()).toEqual(
      [join(dir, 'a', 'b', 'y.raw.0123456789ab.tmp'), join(dir, 'a', 'x.png.123')].sort()
    )
  })
})
