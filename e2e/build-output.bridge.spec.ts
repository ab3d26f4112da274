import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'

// Checks on what `npm run build` produced, which only exist after the build step of test:e2e.

const out = join(process.cwd(), 'out')

async function bundleText(dir: string): Promise<string> {
  const assets = join(out, dir, 'assets')
  const files = (await readdir(assets)).filter((f) => f.endsWith('.js'))
  return (await Promise.all(files.map((f) => readFile(join(assets, f), 'utf8')))).join('\n')
}

test('the sandboxed preload requires nothing but electron', async () => {
  const preload = await readFile(join(out, 'preload', 'index.js'), 'utf8')
  const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
  expect(required).toEqual(['electron'])
})

test('the loopback client is only in the bridge build, never in the app', async () => {
  expect(await bundleText('renderer-bridge')).toContain('x-lucid-token')
  expect(await bundleText('renderer')).not.toContain('x-lucid-token')
})

test('the built page carries the strict CSP', async () => {
  const html = await readFile(join(out, 'renderer', 'index.html'), 'utf8')
  expect(html).toContain(`http-equiv="Content-Security-Policy"`)
  expect(html).toContain("script-src 'self';")
  expect(html).not.toContain('unsafe-inline')
})
