/* global process, console */
// Bundles one measurement script to CommonJS under node_modules/.cache (worker threads and
// plain node cannot load TypeScript), keeping onnxruntime-node and sharp external.
// Usage: node src/main/engine/runtime/measure/build.mjs <entry.ts>  → prints the bundle path
import { basename, join, resolve } from 'node:path'
import { build } from 'vite'

const entry = resolve(process.argv[2])
const outDir = resolve('node_modules/.cache/lucid-measure')
await build({
  configFile: false,
  logLevel: 'silent',
  build: {
    ssr: entry,
    outDir,
    emptyOutDir: false,
    minify: false,
    target: 'node20',
    rollupOptions: {
      external: ['onnxruntime-node', 'sharp', 'vite'],
      output: { format: 'cjs', entryFileNames: basename(entry, '.ts') + '.cjs' }
    }
  }
})
console.log(join(outDir, basename(entry, '.ts') + '.cjs'))
