import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/**
 * Node command-line tools that are not part of the app: the model converter (run at install
 * time) and the reference-fixture generator. Built to out/tools as CommonJS, dependencies
 * left external.
 */
export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(__dirname, 'out/tools'),
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: {
        'make-references': resolve(__dirname, 'src/main/convert/make-references.ts'),
        'convert-models': resolve(__dirname, 'src/main/convert/cli.ts'),
        'measure-models': resolve(__dirname, 'src/main/convert/measure-models.ts')
      },
      output: { format: 'cjs', entryFileNames: '[name].cjs' }
    }
  }
})
