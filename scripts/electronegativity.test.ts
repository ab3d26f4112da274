// The Electronegativity gate must be able to fail: a scan that silently skipped files, lost its
// findings or accepted anything would pass the app's sources just as well. These tests run the
// real script, as CI does, on tiny apps written for the purpose.
import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../src/main/testing/images'

const SCRIPT = join(import.meta.dirname, 'electronegativity.mjs')

interface GateRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly sarif: string
}

/** Writes `files` into a fresh folder and runs the gate on it with `exceptions` as its config. */
async function runGate(
  files: Record<string, string>,
  exceptions: unknown[] = []
): Promise<GateRun> {
  const dir = await tempDir('lucid-electronegativity-test-')
  const app = join(dir, 'app')
  for (const [name, text] of Object.entries(files)) {
    const path = join(app, name)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, text)
  }
  const config = join(dir, 'config.json')
  // Exceptions name files as the gate prints them: absolute, for a folder outside the repo.
  await writeFile(config, JSON.stringify({ exceptions }).replaceAll('<app>', app))
  const report = join(dir, 'report.sarif')
  const args = [SCRIPT, app, '--config', config, '--report', report]
  const { code, stdout, stderr } = await new Promise<Omit<GateRun, 'sarif'>>((resolve) => {
    execFile(process.execPath, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
  const sarif = await readFile(report, 'utf8').catch(() => '')
  return { code, stdout, stderr, sarif }
}

/** "CHECK:level" for each result of a SARIF log. */
function levelsIn(sarif: string): string[] {
  const log = JSON.parse(sarif) as { runs: { results: { ruleId: string; level: string }[] }[] }
  return log.runs.flatMap((run) => run.results.map((result) => `${result.ruleId}:${result.level}`))
}

const CSP_PAGE = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'" />
</head><body></body></html>`

/** A window set up the way src/main/electron/window.ts does, minus the preload. */
function windowSource(webPreferences: string): string {
  return `import { BrowserWindow, app, session } from 'electron'
export function open(): BrowserWindow {
  const window = new BrowserWindow({ webPreferences: ${webPreferences} })
  const size = { width: 800 } satisfies { width: number }
  window.setSize(size.width, 600)
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  session.defaultSession.setPermissionRequestHandler((_c, _p, callback) => callback(false))
  void window.loadURL('app://index.html')
  return window
}
`
}

const HARDENED = `{ contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' }`

describe('the electronegativity gate', () => {
  it('passes a hardened window (TypeScript 5 syntax included) and says what it scanned', async () => {
    const run = await runGate({ 'main/window.ts': windowSource(HARDENED), 'index.html': CSP_PAGE })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/2 files, \d+ checks .*findings HIGH 0, MEDIUM 0/)
    expect(JSON.parse(run.sarif)).toMatchObject({ version: '2.1.0' })
  })

  it('fails on a window with Node integration, naming the check and the line', async () => {
    const insecure = `{ nodeIntegration: true, contextIsolation: false, disableBlinkFeatures: 'Auxclick' }`
    const run = await runGate({ 'main/window.ts': windowSource(insecure), 'index.html': CSP_PAGE })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/finding .*main\/window\.ts:3 NODE_INTEGRATION_JS_CHECK \(/)
    expect(run.stderr).toMatch(/finding .*main\/window\.ts:3 CONTEXT_ISOLATION_JS_CHECK \(HIGH/)
    expect(levelsIn(run.sarif)).toContain('NODE_INTEGRATION_JS_CHECK:error')
  })

  it('fails when the app has no Content-Security-Policy', async () => {
    const run = await runGate({ 'main/window.ts': windowSource(HARDENED) })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/app-wide CSP_GLOBAL_CHECK \(MEDIUM/)
  })

  it('fails on window options it cannot see into', async () => {
    // Wrapped in satisfies, nodeIntegration: true would be invisible to every check.
    const wrapped = windowSource(HARDENED).replace(
      `{ webPreferences: ${HARDENED} }`,
      `{ webPreferences: { nodeIntegration: true } } satisfies object`
    )
    const run = await runGate({ 'main/window.ts': wrapped, 'index.html': CSP_PAGE })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /unchecked window .*main\/window\.ts:3: BrowserWindow options are not/
    )
  })

  it('fails on a file it cannot parse instead of skipping it', async () => {
    const run = await runGate({
      'main/window.ts': windowSource(HARDENED),
      'main/broken.ts': 'export const = new BrowserWindow({ nodeIntegration: true',
      'index.html': CSP_PAGE
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/cannot parse .*main\/broken\.ts/)
  })
})

describe('exceptions to the electronegativity gate', () => {
  // Without sandbox, the tool reports SANDBOX_JS_CHECK (MEDIUM) on the options line.
  const unsandboxed = `{ contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' }`
  const files = { 'main/window.ts': windowSource(unsandboxed), 'index.html': CSP_PAGE }

  it('accepts a finding its exception names by check, file and source line', async () => {
    const optionsLine = windowSource(unsandboxed).split('\n')[2]!.trim()
    const run = await runGate(files, [
      {
        check: 'SANDBOX_JS_CHECK',
        file: '<app>/main/window.ts',
        sample: optionsLine,
        justification: 'test'
      }
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/MEDIUM 1, .* 1 accepted by exception; 0 blocking/)
    expect(run.sarif).toMatch(/"justification": "test"/)
  })

  it('does not accept it for another source line', async () => {
    const run = await runGate(files, [
      {
        check: 'SANDBOX_JS_CHECK',
        file: '<app>/main/window.ts',
        sample: 'sandbox: false,',
        justification: 'test'
      }
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/finding .*SANDBOX_JS_CHECK \(MEDIUM/)
    expect(run.stderr).toMatch(/stale exception SANDBOX_JS_CHECK/)
  })

  it('blocks Node integration at any severity, even with everything else accepted', async () => {
    const withNode = `{ contextIsolation: true, nodeIntegration: true, disableBlinkFeatures: 'Auxclick' }`
    const run = await runGate(
      { 'main/window.ts': windowSource(withNode), 'index.html': CSP_PAGE },
      [{ check: 'SANDBOX_JS_CHECK', file: '<app>/main/window.ts', justification: 'test' }]
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^electronegativity: finding .*NODE_INTEGRATION_JS_CHECK[^\n]*\n$/)
  })

  it('refuses an exception without a justification', async () => {
    const run = await runGate(files, [{ check: 'SANDBOX_JS_CHECK', file: '<app>/main/window.ts' }])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/exceptions\[0\] needs a non-empty "justification"/)
  })
})
