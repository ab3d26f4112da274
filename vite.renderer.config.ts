import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import type { Plugin, UserConfig } from 'vite'
import { contentSecurityPolicy } from './src/shared/security/csp'

/** Writes the one CSP (src/shared/security/csp.ts) into index.html as a meta tag. */
function injectCsp(): Plugin {
  let dev = false
  return {
    name: 'lucid-csp',
    configResolved(config) {
      dev = config.command === 'serve'
    },
    transformIndexHtml(html) {
      const tag = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ dev })}" />`
      return html.replace('<!-- CSP -->', tag)
    }
  }
}

/** The renderer build, shared by the Electron build and the loopback-bridge test build. */
export function rendererConfig(outDir?: string): UserConfig {
  return {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), injectCsp()],
    build: {
      ...(outDir ? { outDir, emptyOutDir: true } : {}),
      // No inline data: URLs for assets: the CSP allows scripts only from 'self'.
      assetsInlineLimit: 0,
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') }
    }
  }
}
