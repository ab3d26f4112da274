/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain Node ESM (the gate runs
   without a TypeScript loader), so its exports cannot carry type annotations. */
// Runs Electronegativity's programmatic runner offline. Its CLI is unusable here (it needs
// commander 2's API, and the hoisted commander is 14), and both the CLI and the runner reach for
// the network: the runner downloads translations before every scan, and one global check asks
// GitHub for Electron's release list. A CI gate must not hang on, or depend on, the network.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const TOOL_DIR = dirname(require.resolve('@doyensec/electronegativity/package.json'))
const DIST = join(TOOL_DIR, 'dist')

/**
 * The one check that needs the network (it compares the Electron version with GitHub's release
 * list). Dependency freshness is npm audit's and the lockfile's job, not this gate's.
 */
export const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck']

let offline = false

/**
 * Replaces the tool's translation loader with one that reads only the bundled en-US strings,
 * and its HTTP client with one that fails at once, so no code path can wait on a socket.
 */
function goOffline() {
  if (offline) return
  offline = true
  const i18n = require(require.resolve('i18n', { paths: [TOOL_DIR] }))
  const loadStrings = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: join(DIST, 'locales'),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      // The checks call a global __() for their messages.
      register: globalThis
    })
    i18n.setLocale('en-US')
  }
  const refuse = () => Promise.reject(new Error('electronegativity-scan: network disabled'))
  refuse.head = refuse
  refuse.get = refuse
  preload(join(DIST, 'locales', 'i18n.js'), loadStrings)
  preload(require.resolve('got', { paths: [TOOL_DIR] }), refuse)
}

/** Puts `exports` in the CommonJS cache under `path`, so a later require() gets it. */
function preload(path, exports) {
  const resolved = require.resolve(path)
  require.cache[resolved] = /** @type {NodeJS.Module} */ ({
    id: resolved,
    filename: resolved,
    loaded: true,
    exports,
    children: [],
    paths: []
  })
}

/** The Electron version installed, which decides the defaults the checks assume. */
export function installedElectronVersion() {
  return require('electron/package.json').version
}

/**
 * Scans a folder with every Electronegativity check except NETWORK_CHECKS.
 *
 * @param {{ input: string, electronVersion: string }} options input: an absolute folder
 * @returns {Promise<{ files: string[], checks: number, findings: object[], errors: object[] }>}
 *   files: what the tool read (relative to input); findings: every issue at every severity,
 *   file relative to input ("N/A" for app-wide ones); errors: files it could not parse or check.
 */
export async function scanOffline({ input, electronVersion }) {
  goOffline()
  const run = require(join(DIST, 'runner.js'))
  const { list_files: listFiles, getRelativePath } = require(join(DIST, 'util'))
  const files = (await listFiles(input)).map((file) => getRelativePath(input, file))
  const result = await run({
    input,
    // No output file: the tool writes it asynchronously after returning, and its SARIF drops
    // severity and confidence. The caller writes its own report from the findings.
    customScan: [],
    excludeFromScan: NETWORK_CHECKS.map((name) => name.toLowerCase()),
    isRelative: true,
    electronVersionOverride: electronVersion,
    parserPlugins: []
  })
  return {
    files,
    checks: result.globalChecks + result.atomicChecks,
    findings: result.issues.map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file,
      line: issue.location.line,
      column: issue.location.column,
      sample: issue.sample ?? '',
      manualReview: Boolean(issue.manualReview),
      description: issue.description,
      help: `https://github.com/doyensec/electronegativity/wiki/${issue.id}`
    })),
    errors: result.errors.map((error) => ({
      file: getRelativePath(input, error.file),
      message: error.message
    }))
  }
}
