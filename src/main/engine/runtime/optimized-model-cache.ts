import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { cpus } from 'node:os'
import { basename, join } from 'node:path'
import { env, InferenceSession } from 'onnxruntime-node'
import type { ProviderName } from '../../../shared/domain/restoration'

/** What a cached optimized model is made from; any change makes another cache entry. */
export interface OptimizedModelSource {
  readonly modelId: string
  /** The original .onnx file. */
  readonly path: string
  /** The manifest's SHA-256 of the original (its size and mtime are keyed too). */
  readonly sha256: string
  readonly provider: ProviderName
  /** The options the session is made with (optimization level 'all' or lower). */
  readonly options: InferenceSession.SessionOptions
}

/**
 * onnxruntime's optimized graphs, saved once per (model, onnxruntime version, provider, options,
 * CPU) in a folder of the app's data: graph optimization is most of a session's creation time
 * (MAXIM-3S, 8,166 nodes: 2.3–4.4 s from the original against 0.56–0.93 s from the optimized
 * file; ESRGAN-thick 0.23 s → 0.16 s; identical outputs), and the app creates sessions again
 * after every release.
 *
 * CPU provider only: a level-'all' graph holds provider-specific fused nodes, and on the CPU
 * layouts for this CPU's vector width (NCHWc blocks), so the key includes the CPU's model and
 * flags; GPU providers' saved graphs are untested here. Any failure — unwritable folder, a
 * corrupt or truncated file — falls back to the original model, deleting the bad file.
 */
export class OptimizedModelCache {
  constructor(private readonly dir: string) {}

  /** A session for the source: from the cached optimized graph when there is a good one. */
  async create(source: OptimizedModelSource): Promise<InferenceSession> {
    if (source.provider !== 'cpu') return InferenceSession.create(source.path, source.options)
    const key = await cacheKey(source).catch(() => null)
    if (key === null) return InferenceSession.create(source.path, source.options)
    const cached = join(this.dir, `${safeName(source.modelId)}-${key}.onnx`)
    if (await isFile(cached)) {
      try {
        // The saved graph is already optimized; optimizing it again would redo the slow part.
        return await InferenceSession.create(cached, {
          ...source.options,
          graphOptimizationLevel: 'disabled'
        })
      } catch {
        await rm(cached, { force: true }).catch(() => undefined)
      }
    }
    return this.createAndSave(source, cached)
  }

  /** Creates from the original, saving the optimized graph under a temporary name first. */
  private async createAndSave(
    source: OptimizedModelSource,
    cached: string
  ): Promise<InferenceSession> {
    const temporary = `${cached}.${randomUUID()}.tmp`
    let session: InferenceSession
    try {
      await mkdir(this.dir, { recursive: true })
      session = await InferenceSession.create(source.path, {
        ...source.options,
        optimizedModelFilePath: temporary
      })
    } catch {
      await rm(temporary, { force: true }).catch(() => undefined)
      return InferenceSession.create(source.path, source.options)
    }
    try {
      // Rename is atomic: a reader sees the whole file or none, never one half written.
      await rename(temporary, cached)
      await this.removeStale(source.modelId, cached)
    } catch {
      await rm(temporary, { force: true }).catch(() => undefined)
    }
    return session
  }

  /**
   * Earlier entries of the model (older onnxruntime, options or model file: 30–95 MB each), and
   * temporaries a killed process left over an hour ago (younger ones may be another process's
   * save in progress: the app and the CLI can share the data folder).
   */
  private async removeStale(modelId: string, keep: string): Promise<void> {
    const prefix = `${safeName(modelId)}-`
    const entry = /^[0-9a-f]{24}\.onnx$/
    const temporary = /^[0-9a-f]{24}\.onnx\.[0-9a-f-]{36}\.tmp$/
    const names = (await readdir(this.dir)).filter(
      (name) => name.startsWith(prefix) && join(this.dir, name) !== keep
    )
    const stale = await Promise.all(
      names.map(async (name) => {
        const rest = name.slice(prefix.length)
        if (entry.test(rest)) return name
        if (!temporary.test(rest)) return null
        const age = Date.now() - (await stat(join(this.dir, name))).mtimeMs
        return age > STALE_TEMPORARY_MS ? name : null
      })
    )
    await Promise.all(
      stale.flatMap((name) => (name === null ? [] : [rm(join(this.dir, name), { force: true })]))
    )
  }
}

const STALE_TEMPORARY_MS = 60 * 60 * 1000

/** Hex digest of everything a saved optimized graph depends on. */
export async function cacheKey(source: OptimizedModelSource): Promise<string> {
  const file = await stat(source.path)
  // Where an earlier creation saved its graph says nothing about the graph.
  const options = { ...source.options, optimizedModelFilePath: undefined }
  const parts = [
    source.sha256,
    basename(source.path),
    String(file.size),
    String(file.mtimeMs),
    env.versions.common,
    source.provider,
    JSON.stringify(options),
    machineFingerprint()
  ]
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24)
}

let fingerprint: string | undefined

/**
 * The CPU model and instruction-set flags: a graph optimized for AVX-512 must not load on a
 * machine with AVX2 only (a copied data folder, a changed VM).
 */
export function machineFingerprint(): string {
  fingerprint ??= [process.platform, process.arch, cpus()[0]?.model ?? '', cpuFlags()].join('|')
  return fingerprint
}

function cpuFlags(): string {
  if (process.platform !== 'linux') return ''
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8')
    return /^(?:flags|Features)\s*:\s*(.*)$/m.exec(text)?.[1]?.trim() ?? ''
  } catch {
    return ''
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

function safeName(modelId: string): string {
  return modelId.replace(/[^a-zA-Z0-9._-]/g, '_')
}
