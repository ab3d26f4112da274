import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './vite.renderer.config'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The loopback bridge's command line (plain Node, not shipped in the package).
          bridge: resolve(__dirname, 'src/main/bridge/cli.ts'),
          // The inference worker: RestorationEngine starts it from beside the bundled main code.
          'inference-worker': resolve(__dirname, 'src/main/engine/worker/inference-worker.ts')
        }
      }
    }
  },
  // The preload runs sandboxed, where require() reaches only 'electron': bundle everything.
  preload: { build: { externalizeDeps: false } },
  renderer: rendererConfig()
})
