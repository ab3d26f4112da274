import { readdir, realpath } from 'node:fs/promises'
import { basename, extname, join, resolve } from 'node:path'
import type { BatchOutputSettings } from '../../shared/domain/batch'
import { nameTemplateProblem } from '../../shared/domain/batch'
import type { ExportFormat } from '../../shared/domain/document'
import { LucidError } from '../../shared/ipc/errors'
import { extensionFor, formatForPath } from '../engine/encode'

/** What a batch will do with one photo, decided before any photo is processed. */
export type PlannedOutput =
  | {
      readonly action: 'write'
      readonly input: string
      readonly output: string
      readonly format: ExportFormat
      /** The policy allows replacing an existing file there (never an original). */
      readonly overwrite: boolean
    }
  | {
      readonly action: 'skip'
      readonly input: string
      readonly output: string
      readonly reason: string
    }

export type OutputNaming = Pick<
  BatchOutputSettings,
  'folder' | 'nameTemplate' | 'format' | 'onExist'
>

/** The output format: the one asked for, else the input's, else PNG (e.g. for GIF or HEIF). */
export function outputFormat(input: string, asked: BatchOutputSettings['format']): ExportFormat {
  return asked === 'original' ? (formatForPath(input) ?? 'png') : asked
}

/**
 * Plans every output of a batch at once, so the names do not depend on which photo finishes
 * first. The template's {name} is the input's name without extension, {ext} the output
 * format's extension, {index} the photo's place in the batch from 1 (zero-padded to the
 * batch's size). A name already on disk follows `onExist`: `unique` appends " (2)", " (3)", …,
 * `skip` leaves that photo out, `overwrite` replaces the file. Two photos of one batch never
 * get the same name (the later one is numbered whatever the policy), and no photo of the batch
 * is ever a target: an original's name is numbered too, under every policy.
 *
 * @param inputs absolute paths, in batch order
 * @param existing the file names already in `naming.folder`
 * @param originals the inputs as the folder's paths would name them (real paths); default inputs
 * @throws LucidError INVALID_ARGUMENT for a template that does not give a plain file name
 */
export function planOutputs(
  inputs: readonly string[],
  naming: OutputNaming,
  existing: ReadonlySet<string>,
  originals: readonly string[] = inputs
): PlannedOutput[] {
  const problem = nameTemplateProblem(naming.nameTemplate)
  if (problem) throw new LucidError('INVALID_ARGUMENT', problem)
  const folder = resolve(naming.folder)
  const originalPaths = new Set(originals.map((path) => resolve(path)))
  const planned = new Set<string>()
  const width = String(inputs.length).length
  return inputs.map((input, i) => {
    const format = outputFormat(input, naming.format)
    const fileName = fillTemplate(naming.nameTemplate, {
      name: safeStem(input),
      ext: extensionFor(format),
      index: String(i + 1).padStart(width, '0')
    })
    const pathOf = (name: string): string => join(folder, name)
    const onDisk = (name: string): boolean => existing.has(name)
    const untouchable = (name: string): boolean =>
      planned.has(pathOf(name)) || originalPaths.has(pathOf(name))
    let name = fileName
    if (!untouchable(name) && onDisk(name) && naming.onExist === 'skip') {
      return { action: 'skip', input, output: pathOf(name), reason: `${name} already exists` }
    }
    const mustNumber = (n: string): boolean =>
      untouchable(n) || (onDisk(n) && naming.onExist !== 'overwrite')
    if (mustNumber(name)) {
      const extension = extname(fileName)
      const stem = fileName.slice(0, fileName.length - extension.length)
      for (let n = 2; untouchable(name) || onDisk(name); n++) name = `${stem} (${n})${extension}`
    }
    planned.add(pathOf(name))
    return {
      action: 'write',
      input,
      output: pathOf(name),
      format,
      overwrite: naming.onExist === 'overwrite'
    }
  })
}

/**
 * planOutputs against the folder as it is now (a missing folder holds nothing), comparing real
 * paths so that a symlinked folder cannot alias an original.
 */
export async function planOutputsOnDisk(
  inputs: readonly string[],
  naming: OutputNaming
): Promise<PlannedOutput[]> {
  const real = (path: string): Promise<string> => realpath(path).catch(() => resolve(path))
  const folder = await real(naming.folder)
  const names = await readdir(folder).catch(() => [])
  const originals = await Promise.all(inputs.map(real))
  return planOutputs(inputs, { ...naming, folder }, new Set(names), originals)
}

function fillTemplate(template: string, values: Record<'name' | 'ext' | 'index', string>): string {
  return template
    .replaceAll('{name}', values.name)
    .replaceAll('{ext}', values.ext)
    .replaceAll('{index}', values.index)
}

/** The input's name without its extension; a name of only dots would name a folder. */
function safeStem(input: string): string {
  const stem = basename(input, extname(input))
  return /^\.*$/.test(stem) ? 'photo' : stem
}
