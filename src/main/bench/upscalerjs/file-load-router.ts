import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type * as tfjs from '@tensorflow/tfjs'

type Tf = typeof tfjs

/**
 * Lets pure `@tensorflow/tfjs` load `file://` model URLs, as `@tensorflow/tfjs-node` does (its
 * file system handler), which cannot be installed here. UpscalerJS's Node build loads packaged
 * models from exactly such a URL; this shim is the only thing standing in for tfjs-node.
 */
export function registerFileLoadRouter(tf: Tf): void {
  // TF.js's own routers return null for a URL they do not handle; its IORouter type omits that.
  const router = (url: string | string[]): tfjs.io.IOHandler | null =>
    typeof url === 'string' && url.startsWith('file://')
      ? fileHandler(tf, fileURLToPath(url))
      : null
  tf.io.registerLoadRouter(router as Parameters<Tf['io']['registerLoadRouter']>[0])
}

function fileHandler(tf: Tf, modelJsonPath: string): tfjs.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tfjs.io.ModelJSON
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const dir = dirname(modelJsonPath)
        const shards = await Promise.all(
          manifest.flatMap((group) => group.paths.map((path) => readFile(join(dir, path))))
        )
        const all = Buffer.concat(shards)
        const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)
        return [manifest.flatMap((group) => group.weights), weightData]
      })
    }
  }
}
