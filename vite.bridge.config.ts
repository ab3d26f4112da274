import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { rendererConfig } from './vite.renderer.config'

/**
 * The renderer built in `bridge` mode for tests in plain Chromium: identical to the app's
 * renderer except that, with no preload, it talks to the loopback bridge. The bridge client is
 * only compiled into this build (import.meta.env.MODE is replaced at build time).
 */
export default defineConfig({
  ...rendererConfig(resolve(__dirname, 'out/renderer-bridge')),
  mode: 'bridge'
})
