import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { ExportFormat } from '../../../shared/domain/document'
import { exportFormats } from '../../../shared/domain/document'
import { errorCodes, LucidError } from '../../../shared/ipc/errors'
import type { DocumentService } from '../../editor/document-service'
import { decodeImage } from '../../engine/decode'
import { extensionFor } from '../../engine/encode'
import { makeThumbnail } from '../../gallery/make-thumbnail'
import type { FuzzCase } from './mutators'
import type { StageName, StageOutcome } from './protocol'

/**
 * Exports are skipped above this many pixels: a damaged file that still decodes to a large
 * image is a valid image, and encoding it (AVIF above all) is slow by nature, not a hang.
 */
const EXPORT_PIXEL_BUDGET = 4_000_000

export interface CaseContext {
  /** Where the case's files go (see writeCaseInput); removed when the case passes. */
  readonly caseDir: string
  /** The editor's document service: what File > Open and Export go through. */
  readonly documents: DocumentService
  /** A planted fault (tests only): a plain Error from open, or a leftover temporary file. */
  readonly fault?: 'throw' | 'leak'
}

export interface CaseReport {
  readonly stages: StageOutcome[]
  readonly problems: string[]
}

/**
 * Writes a case's damaged image into its folder, first of all, so that the input of a case
 * that then crashes its process is there to keep.
 *
 * @returns the image's path
 */
export async function writeCaseInput(fuzzCase: FuzzCase, caseDir: string): Promise<string> {
  const input = join(caseDir, `input-${fuzzCase.seed}`)
  await mkdir(caseDir, { recursive: true })
  await writeFile(input, fuzzCase.bytes)
  return input
}

/**
 * Runs one damaged image through what the app does with a file: open it in the editor (which
 * decodes at 16 bits) and fetch its preview, decode it at 8 bits (batches, the CLI), make its
 * gallery thumbnail, and, when it opened, export it to two formats. Each stage must succeed
 * or throw a LucidError with a real code; exports must be whole and leave no temporary files.
 */
export async function runCase(
  fuzzCase: FuzzCase,
  input: string,
  context: CaseContext
): Promise<CaseReport> {
  const { caseDir, documents } = context
  const stages: StageOutcome[] = []
  const problems: string[] = []

  const stage = async <T>(name: StageName, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await work()
      stages.push({ stage: name, outcome: 'ok' })
      return value
    } catch (error) {
      stages.push(outcomeOfError(name, error))
      return undefined
    }
  }

  const opened = await stage('open', async () => {
    if (context.fault === 'throw') throw new Error('injected: a decoder threw a plain Error')
    return documents.open(input, { ephemeral: true })
  })
  try {
    if (opened) {
      await stage('preview', () => documents.preview(opened.id, opened.revision))
      if (opened.width * opened.height <= EXPORT_PIXEL_BUDGET) {
        for (const format of exportFormatsFor(fuzzCase.index)) {
          const outDir = join(caseDir, `export-${format}`)
          await mkdir(outDir)
          const target = join(outDir, `result.${extensionFor(format)}`)
          const result = await stage(`export-${format}`, () =>
            documents.export(opened.id, {
              target,
              options: {
                format,
                quality: 80,
                bitDepth: fuzzCase.index % 2 === 0 ? 16 : 8,
                keepMetadata: true,
                colourProfile: fuzzCase.index % 3 === 0 ? 'srgb' : 'original'
              }
            })
          )
          problems.push(...(await checkExport(outDir, target, result)))
        }
      }
    }
  } finally {
    if (opened) await documents.close(opened.id)
  }
  await stage('decode8', () => decodeImage(input))
  await stage('thumbnail', () => makeThumbnail(input))

  if (context.fault === 'leak') await writeFile(join(tmpdir(), 'injected-leftover'), '')
  problems.push(...(await leftoverTempFiles()))
  return { stages, problems }
}

/** Two export formats per case, going round so every format is written. */
function exportFormatsFor(index: number): ExportFormat[] {
  const first = exportFormats[index % exportFormats.length] ?? 'jpeg'
  const second = exportFormats[(index + 2) % exportFormats.length] ?? 'png'
  return [first, second]
}

/** Whether a stage's error is one the app can show: a LucidError with a code a UI knows. */
export function outcomeOfError(stage: StageName, error: unknown): StageOutcome {
  if (error instanceof LucidError && errorCodes.includes(error.code) && error.code !== 'INTERNAL') {
    return { stage, outcome: 'typed', code: error.code }
  }
  const message =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)
  return { stage, outcome: 'untyped', message: message.split('\n').slice(0, 6).join('\n') }
}

/**
 * An export either wrote the whole file (readable, the size it reported) and nothing else, or
 * failed and wrote nothing: no half file, no temporary file beside the target.
 */
async function checkExport(
  outDir: string,
  target: string,
  result: { bytes: number; width: number; height: number } | undefined
): Promise<string[]> {
  const names = await readdir(outDir)
  const expected = result ? [target.slice(outDir.length + 1)] : []
  if (names.join('/') !== expected.join('/')) {
    return [`${outDir} holds [${names.join(', ')}], expected [${expected.join(', ')}]`]
  }
  if (!result) return []
  try {
    const { size, width, height } = await sharp(target).metadata()
    if (size !== undefined && size !== result.bytes) {
      return [`${target} is ${size} bytes, export said ${result.bytes}`]
    }
    if (width !== result.width || height !== result.height) {
      return [`${target} is ${width}×${height}, export said ${result.width}×${result.height}`]
    }
    // Decode every pixel: a file cut short would fail here.
    await sharp(target, { failOn: 'truncated' }).raw().toBuffer()
  } catch (error) {
    return [`${target} cannot be read back: ${String(error)}`]
  }
  return []
}

/** Files left in the child's private temporary folder (TMPDIR) by the stages. */
async function leftoverTempFiles(): Promise<string[]> {
  const names = await readdir(tmpdir())
  if (names.length === 0) return []
  await Promise.all(names.map((name) => rm(join(tmpdir(), name), { recursive: true, force: true })))
  return [`temporary files left behind: ${names.join(', ')}`]
}
