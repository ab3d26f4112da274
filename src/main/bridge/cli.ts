import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore } from '../core'
import type { Dialogs } from '../ipc/ports'
import { startBridge } from './server'

/**
 * `npm run bridge`: the real renderer and handlers in any browser, for development where no
 * Electron binary exists. There are no native dialogs: Open answers with the --open files in
 * turn (or drop a photo on the page), Open folder with the --gallery folders, Export and batch
 * output folders are --export-dir; histories go to
 * --data-dir (default: a fresh temporary folder).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      open: { type: 'string', multiple: true, default: [] },
      gallery: { type: 'string', multiple: true, default: [] },
      'export-dir': { type: 'string' },
      static: { type: 'string', default: 'out/renderer-bridge' },
      'data-dir': { type: 'string' }
    }
  })
  const exportDir = resolve(
    values['export-dir'] ?? (await mkdtemp(join(tmpdir(), 'lucid-export-')))
  )
  const queue = values.open.map((file) => resolve(file))
  const galleries = values.gallery.map((folder) => resolve(folder))
  const dialogs: Dialogs = {
    chooseImageToOpen: () => Promise.resolve(queue.shift() ?? null),
    chooseExportPath: (name) => Promise.resolve(join(exportDir, name)),
    chooseFolder: (purpose) =>
      Promise.resolve(purpose === 'output' ? exportDir : (galleries.shift() ?? null))
  }
  const importsDir = await mkdtemp(join(tmpdir(), 'lucid-imports-'))
  // Histories and cached results: a fresh folder per run unless --data-dir names one.
  const dataDir = resolve(values['data-dir'] ?? (await mkdtemp(join(tmpdir(), 'lucid-data-'))))
  const core = createCore({
    dialogs,
    importsDir,
    dataDir,
    // out/main/bridge.js runs the worker electron-vite builds beside it.
    workerPath: join(__dirname, 'inference-worker.js'),
    log: (message, error) => console.error(message, error)
  })
  const bridge = await startBridge({
    handlers: core.handlers,
    store: core.images,
    staticRoot: resolve(values.static),
    log: (message, error) => console.error(message, error)
  })
  console.log(`Lucid bridge: open ${bridge.pageUrl}`)
  console.log(`Exports go to ${exportDir}. Ctrl+C to stop.`)
  process.on(
    'SIGINT',
    () => void Promise.all([bridge.close(), core.close()]).then(() => process.exit(0))
  )
}

void main()
