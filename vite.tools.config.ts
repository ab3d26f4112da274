import { chmodSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/**
 * Node command-line tools: the model converter (run at install time), the reference-fixture
 * generator, model measurements, the quality eval, and the `lucid` CLI with its worker. Built to out/tools as CommonJS, dependencies
 * left external.
 */
export default defineConfig({
  plugins: [
    {
      // `npm link` marks the bin executable once; every rebuild after it writes a new file.
      name: 'lucid-bin-executable',
      writeBundle(options) {
        if (options.dir) chmodSync(resolve(options.dir, 'lucid.cjs'), 0o755)
      }
    }
  ],
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
        'measure-int8': resolve(__dirname, 'src/main/convert/precision/measure-int8.ts'),
        // The `lucid` command-line tool (package.json bin) and the worker it runs jobs in.
        lucid: resolve(__dirname, 'src/main/cli/lucid.ts'),
        'inference-worker': resolve(__dirname, 'src/main/engine/worker/inference-worker.ts'),
        eval: resolve(__dirname, 'src/main/eval/run-eval.ts'),
        'eval-select-crops': resolve(__dirname, 'src/main/eval/photos/select-crops.ts'),
        soak: resolve(__dirname, 'src/main/testing/soak/run-soak.ts'),
        // The decoder fuzzer (npm run fuzz) and the child process its cases run in.
        fuzz: resolve(__dirname, 'src/main/testing/fuzz/run-fuzz.ts'),
        'fuzz-child': resolve(__dirname, 'src/main/testing/fuzz/fuzz-child.ts'),
        // The benchmark (npm run bench) and the fresh child process each measurement runs in.
        bench: resolve(__dirname, 'src/main/bench/run-bench.ts'),
        'bench-child': resolve(__dirname, 'src/main/bench/bench-child.ts'),
        // The child process the benchmark runs UpscalerJS (TF.js) in.
        'upscalerjs-child': resolve(__dirname, 'src/main/bench/upscalerjs/child.ts')
      },
      output: {
        format: 'cjs',
        entryFileNames: '[name].cjs',
        // The package's bin: `npm link` links it onto the PATH, so it must say what runs it.
        banner: (chunk) => (chunk.isEntry && chunk.name === 'lucid' ? '#!/usr/bin/env node' : '')
      }
    }
  }
})
