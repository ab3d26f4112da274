import { Command, Option } from 'commander'
import {
  DEBLUR_QUALITIES,
  UPSCALE_FACTORS,
  UPSCALE_QUALITIES
} from '../../shared/domain/restoration'
import type { RestorationOperation } from '../../shared/domain/restoration'
import {
  DEFAULT_DEBLUR_QUALITY,
  DEFAULT_DEBLUR_STRENGTH,
  DEFAULT_DENOISE_STRENGTH,
  DEFAULT_LOWLIGHT_STRENGTH,
  DEFAULT_UPSCALE_QUALITY,
  DEFAULT_UPSCALE_STRENGTH
} from '../../shared/domain/tool-defaults'
import { runBatchCommand } from './batch-command'
import { journalWritesAndCleanUp } from './crash-safety'
import { invocationDir } from './invocation-dir'
import type { CommonOptions } from './options'
import { deviceOption, qualityOption, strengthOption, tileOption } from './options'
import { runSingleCommand } from './single-command'

/**
 * `lucid`: the restoration engine on the command line. Every command decodes, restores on the
 * chosen device (the GPU when there is one, else the CPU) in a worker thread, and writes the
 * result atomically: on any error or Ctrl+C no output file is left behind, and what a kill -9
 * left is deleted by the next command (crash-safety.ts).
 */
function withCommonOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--device <device>', 'auto, cpu, cuda, directml or coreml (:N picks a GPU)')
        .default(deviceOption('auto'), 'auto')
        .argParser(deviceOption)
    )
    .option('--tile <px>', 'input tile side for the super-resolution models', tileOption)
    .option('--json', 'one JSON object per line: progress events, then the result', false)
    .option('--output-quality <q>', 'JPEG/WebP/AVIF quality, 1–100', qualityOption, 92)
    .addOption(
      new Option('--profile <profile>', 'colour profile of the output')
        .choices(['original', 'srgb'])
        .default('original')
    )
    .option('--no-metadata', 'write no EXIF/XMP metadata')
    .option('--overwrite', 'replace an existing output file (never the input)', false)
}

function single(
  program: Command,
  name: string,
  description: string,
  configure: (command: Command) => Command,
  operation: (options: Record<string, unknown>) => RestorationOperation
): void {
  const command = program
    .command(name)
    .description(description)
    .argument('<input>', 'the photo to restore')
    .requiredOption('-o, --output <file>', 'where to write the result (format from its extension)')
  withCommonOptions(configure(command)).action(
    async (input: string, options: CommonOptions & Record<string, unknown>) => {
      process.exitCode = await runSingleCommand(input, operation(options), options)
    }
  )
}

export function buildProgram(): Command {
  const program = new Command('lucid')
    .description('Restore photos with neural networks, locally.')
    .showHelpAfterError('(run with --help for usage)')
    // Before any command: journal this run's writes, delete what killed runs left.
    .hook('preAction', () => journalWritesAndCleanUp())
  single(
    program,
    'deblur',
    'Remove motion blur from the whole photo or from a masked region',
    (c) =>
      c
        .option('--mask <file>', 'greyscale image, the photo’s size; white = deblur here')
        .option(
          '--strength <s>',
          'from 0 (unchanged) to 1 (fully deblurred)',
          strengthOption,
          DEFAULT_DEBLUR_STRENGTH
        )
        .addOption(
          new Option('--quality <q>', 'balanced, or best (several passes, slower)')
            .choices([...DEBLUR_QUALITIES])
            .default(DEFAULT_DEBLUR_QUALITY)
        ),
    (o) =>
      ({
        op: 'deblur',
        strength: Number(o.strength),
        quality: o.quality
      }) as RestorationOperation
  )
  single(
    program,
    'lowlight',
    'Brighten a photo taken in the dark',
    (c) =>
      c.option(
        '--strength <s>',
        'from 0 (unchanged) to 1 (full)',
        strengthOption,
        DEFAULT_LOWLIGHT_STRENGTH
      ),
    (o) => ({ op: 'lowlight', strength: Number(o.strength) })
  )
  single(
    program,
    'denoise',
    'Remove sensor noise',
    (c) =>
      c.option(
        '--strength <s>',
        'from 0 (unchanged) to 1 (full)',
        strengthOption,
        DEFAULT_DENOISE_STRENGTH
      ),
    (o) => ({ op: 'denoise', strength: Number(o.strength) })
  )
  single(
    program,
    'upscale',
    'Enlarge a photo with super-resolution',
    (c) =>
      c
        .addOption(
          new Option('--scale <n>', 'enlargement factor')
            .choices(UPSCALE_FACTORS.map(String))
            .makeOptionMandatory()
        )
        .addOption(
          new Option('--quality <q>', 'model size: fast, balanced or best (also several passes)')
            .choices([...UPSCALE_QUALITIES])
            .default(DEFAULT_UPSCALE_QUALITY)
        )
        .option(
          '--strength <s>',
          'from 0 (a Lanczos enlargement) to 1 (the model’s result)',
          strengthOption,
          DEFAULT_UPSCALE_STRENGTH
        ),
    (o) =>
      ({
        op: 'upscale',
        scale: Number(o.scale),
        quality: o.quality,
        strength: Number(o.strength)
      }) as RestorationOperation
  )
  const batch = program
    .command('batch')
    .description('Run a recipe over many photos; one bad photo never stops the batch')
    .argument('<inputs...>', 'photos and folders (a folder means the photos directly in it)')
    .requiredOption('-o, --output <dir>', 'folder for the results (created if missing)')
    .requiredOption('--recipe <steps>', 'e.g. "lowlight:0.8,upscale:2:balanced"')
    .option('--name <template>', 'output file name: {name} and {ext}', '{name}_lucid.{ext}')
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: the input’s, PNG if unwritable)'
      ).choices(['jpeg', 'png', 'webp', 'tiff', 'avif'])
    )
    .addOption(
      new Option('--on-exist <policy>', 'when the output exists')
        .choices(['unique', 'skip', 'overwrite'])
        .default('unique')
    )
  withCommonOptions(batch).action(
    async (inputs: string[], options: CommonOptions & Record<string, unknown>) => {
      process.exitCode = await runBatchCommand(inputs, options)
    }
  )
  return program
}

if (require.main === module) {
  // Through `npm run lucid -- …`, relative paths are relative to where the user typed it.
  const dir = invocationDir()
  try {
    if (dir) process.chdir(dir)
  } catch {
    // A folder removed since: paths then resolve against the package root, as npm ran us.
  }
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.stderr.write(`lucid: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    })
}
