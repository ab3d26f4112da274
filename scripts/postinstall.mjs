// Runs after `npm install` / `npm ci` in this project (root scripts always run; allowScripts
// governs dependencies only). Two steps:
//
// 1. Electron's binary. Electron 42+ has no install script of its own: its binary is fetched
//    the first time require('electron') runs, but electron-vite (npm start / npm run dev) looks
//    for it without fetching, so a fresh `npm install && npm start` would fail. Fetch it here,
//    unless the install is offline (ELECTRON_SKIP_BINARY_DOWNLOAD=1, as in CI), where the
//    Electron-only tests skip instead.
// 2. The restoration models: converted from the @upscalerjs TF.js packages to ONNX by our own
//    converter (src/main/convert), only where a file is missing or stale.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`))

function run(args, what) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`postinstall: ${what} failed (exit ${result.status ?? result.signal}).`)
    process.exit(result.status ?? 1)
  }
}

const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
if (skip && skip !== '0' && skip !== 'false') {
  console.log(
    'postinstall: ELECTRON_SKIP_BINARY_DOWNLOAD is set, not downloading the Electron binary.'
  )
} else {
  const installer = join(packageDir('electron'), 'install.js')
  if (!existsSync(installer)) {
    console.error(`postinstall: ${installer} is missing; reinstall the electron package.`)
    process.exit(1)
  }
  const result = spawnSync(process.execPath, [installer], { stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(
      'postinstall: downloading the Electron binary failed. Offline, install with ' +
        'ELECTRON_SKIP_BINARY_DOWNLOAD=1 (the app cannot start, but the tests run).'
    )
    process.exit(result.status ?? 1)
  }
}

run(
  [
    join(packageDir('vite'), 'bin', 'vite.js'),
    'build',
    '--config',
    'vite.tools.config.ts',
    '--logLevel',
    'warn'
  ],
  'building the model converter'
)
run(['out/tools/convert-models.cjs'], 'generating the models')
