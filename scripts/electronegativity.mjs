// The Electronegativity gate: scans the app's sources for Electron security misconfigurations
// and fails on any HIGH or MEDIUM finding that electronegativity.config.json does not accept
// with a justification, on any file the tool could not parse (an unparsed file is an unchecked
// file), and on any exception that no longer matches a finding.
//
//   node scripts/electronegativity.mjs [folder=src] [--config file] [--report file.sarif]
//
// Writes a SARIF log (reports/electronegativity/electronegativity.sarif by default) and prints
// one summary line, plus one line per problem. Exit status: 0 pass, 1 gate failed, 2 usage.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import {
  countBySeverity,
  describeFinding,
  judgeFindings,
  readExceptions,
  toSarif
} from './electronegativity-gate.mjs'
import { installedElectronVersion, scanOffline } from './electronegativity-scan.mjs'
import { findUncheckableWindows } from './electronegativity-blind-spots.mjs'

const require = createRequire(import.meta.url)
const HERE = dirname(fileURLToPath(import.meta.url))
const CSP_PLACEHOLDER = '<!-- CSP -->'

/**
 * Copies the folder to scan and, as vite.renderer.config.ts does at build time, writes the
 * production Content-Security-Policy of shared/security/csp.ts into renderer/index.html. The
 * tool then evaluates the policy that ships instead of reporting "no CSP" (it cannot see the
 * header that protocol.ts sets on its Response objects).
 */
function stage(input) {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-electronegativity-'))
  cpSync(input, dir, { recursive: true })
  const html = join(dir, 'renderer', 'index.html')
  const csp = join(dir, 'shared', 'security', 'csp.ts')
  if (existsSync(html) && readFileSync(html, 'utf8').includes(CSP_PLACEHOLDER)) {
    const policy = productionCsp(readFileSync(csp, 'utf8'))
    const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`
    writeFileSync(html, readFileSync(html, 'utf8').replace(CSP_PLACEHOLDER, tag))
  }
  return dir
}

/** Evaluates csp.ts (plain Node cannot import TypeScript) and returns its production policy. */
function productionCsp(source) {
  const ts = require('typescript')
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }
  })
  const module = { exports: {} }
  new Function('module', 'exports', outputText)(module, module.exports)
  const policy = module.exports.contentSecurityPolicy?.({ dev: false })
  if (typeof policy !== 'string' || policy === '') throw new Error('csp.ts gave no policy')
  return policy
}

/** Repository-relative with forward slashes, as exceptions name files; absolute outside it. */
function labelFor(input, file) {
  if (file === 'N/A') return file
  const absolute = join(input, file)
  const fromRepo = relative(process.cwd(), absolute)
  const label = fromRepo.startsWith('..') || isAbsolute(fromRepo) ? absolute : fromRepo
  return label.split(sep).join('/')
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      config: { type: 'string', default: join(HERE, 'electronegativity.config.json') },
      report: { type: 'string', default: 'reports/electronegativity/electronegativity.sarif' }
    }
  })
  if (positionals.length > 1) throw new UsageError('scan one folder at a time')
  const input = resolve(positionals[0] ?? 'src')
  if (!existsSync(input)) throw new UsageError(`no folder ${input}`)
  let exceptions
  try {
    exceptions = readExceptions(JSON.parse(readFileSync(values.config, 'utf8')))
  } catch (error) {
    throw new UsageError(`${values.config}: ${error.message}`)
  }

  const staged = stage(input)
  let scan
  let uncheckable
  try {
    scan = await scanOffline({ input: staged, electronVersion: installedElectronVersion() })
    uncheckable = findUncheckableWindows(staged, scan.files)
  } finally {
    rmSync(staged, { recursive: true, force: true })
  }
  const findings = scan.findings.map((finding) => ({
    ...finding,
    file: labelFor(input, finding.file)
  }))
  const judged = judgeFindings(findings, exceptions)

  const toolVersion = require('@doyensec/electronegativity/package.json').version
  mkdirSync(dirname(resolve(values.report)), { recursive: true })
  writeFileSync(values.report, `${JSON.stringify(toSarif({ judged, toolVersion }), null, 2)}\n`)

  const problems = [
    ...scan.errors.map((e) => `cannot parse ${labelFor(input, e.file)}: ${e.message}`),
    ...uncheckable.map(
      (w) =>
        `unchecked window ${labelFor(input, w.file)}:${w.line}: ${w.message}, so the checks cannot see its settings; write them inline`
    ),
    ...judged.blocking.map((finding) => `finding ${describeFinding(finding)}`),
    ...judged.stale.map(
      (e) =>
        `stale exception ${e.check} in ${e.file}${e.sample ? ` at "${e.sample}"` : ''}: it matches no finding; remove it`
    )
  ]
  for (const problem of problems) console.error(`electronegativity: ${problem}`)
  console.log(
    `electronegativity: ${scan.files.length} files, ${scan.checks} checks (Electron ${installedElectronVersion()}); ` +
      `findings ${countBySeverity(findings)}; ${judged.accepted.length} accepted by exception; ` +
      `${judged.blocking.length} blocking, ${scan.errors.length} unparsed, ${uncheckable.length} unchecked windows, ${judged.stale.length} stale exceptions; ` +
      `report ${values.report}`
  )
  if (scan.files.length === 0) {
    console.error('electronegativity: no files scanned')
    return 1
  }
  return problems.length > 0 ? 1 : 0
}

class UsageError extends Error {}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`electronegativity: ${error instanceof UsageError ? error.message : error.stack}`)
    process.exit(2)
  }
)
