import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/**
 * Node command-line tools: the model converter (run at install time), the reference-fixture
 * generator, model measurements, the quality eval, and the `lucid` CLI with its worker. Built to out/tools as CommonJS, dependencies
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
        'measure-models': resolve(__dirname, 'src/main/convert/measure-models.ts'),
        // The `lucid` command-line tool (package.json bin) and the worker it runs jobs in.
        lucid: resolve(__dirname, 'src/main/cli/lucid.ts'),
        'inference-worker': resolve(__dirname, 'src/main/engine/worker/inference-worker.ts'),
        eval: resolve(__dirname, 'src/main/eval/run-eval.ts')
      },
      output: { format: 'cjs', entryFileNames: '[name].cjs' }
    }
  }
})
