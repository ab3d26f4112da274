import { mkdir, mkdtemp } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { build } from 'vite'

const repoRoot = resolve(__dirname, '../../../../..')

/**
 * Bundles a worker entry (default: the test worker) to CommonJS, as electron-vite bundles the real one: worker
 * threads cannot load TypeScript. The output goes under the repository's node_modules/.cache
 * so the externals (onnxruntime-node, sharp, zod) resolve from its node_modules.
 *
 * @returns the path of the bundled worker script
 */
export async function buildTestWorker(entry = join(__dirname, 'entry.ts')): Promise<string> {
  const cache = join(repoRoot, 'node_modules', '.cache')
  await mkdir(cache, { recursive: true })
  const outDir = await mkdtemp(join(cache, 'lucid-test-worker-'))
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'silent',
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: {
        external: ['onnxruntime-node', 'sharp'],
        output: { format: 'cjs', entryFileNames: 'test-worker.cjs' }
      }
    }
  })
  return join(outDir, 'test-worker.cjs')
}
