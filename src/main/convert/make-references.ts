import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import sharp from 'sharp'
import { catalog, modelDefinition, modelJsonPath, samplePhoto } from './catalog'
import { readTfjsArtifacts } from './tfjs-artifacts'
import { loadReferenceModel } from './tfjs-reference'

/**
 * Generates the TF.js reference outputs the MAXIM parity tests compare against. MAXIM through
 * TF.js's pure-JS backend takes well over ten minutes for one 64×64 input on 2 cores, so this
 * runs once (`npm run models:references`) and its small outputs are committed as fixtures.
 *
 * Input: the centre 64×64 crop of each package's own sample photo, RGB in 0..1.
 */
export const REFERENCE_SIZE = 64
export const FIXTURES_DIR = join(process.cwd(), 'src', 'main', 'convert', 'fixtures')

export async function referenceInput(photo: string, size: number): Promise<Float32Array> {
  const meta = await sharp(photo).metadata()
  const left = Math.floor((meta.width - size) / 2)
  const top = Math.floor((meta.height - size) / 2)
  const rgb = await sharp(photo)
    .extract({ left, top, width: size, height: size })
    .removeAlpha()
    .raw()
    .toBuffer()
  return Float32Array.from(rgb, (v) => v / 255)
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { model: { type: 'string', multiple: true } } })
  const wanted = values.model ?? catalog.filter((s) => s.format === 'graph').map((s) => s.id)
  await mkdir(FIXTURES_DIR, { recursive: true })
  for (const id of wanted) {
    const source = catalog.find((s) => s.id === id)
    if (!source) throw new Error(`Unknown model ${id}`)
    const started = Date.now()
    const input = await referenceInput(samplePhoto(source), REFERENCE_SIZE)
    const model = await loadReferenceModel(await readTfjsArtifacts(modelJsonPath(source)), {
      setup: modelDefinition(source).setup as never
    })
    console.log(`${id}: running TF.js reference on ${REFERENCE_SIZE}×${REFERENCE_SIZE}…`)
    const output = await model.run(input, [1, REFERENCE_SIZE, REFERENCE_SIZE, 3])
    model.dispose()
    const base = join(FIXTURES_DIR, `${id}-${REFERENCE_SIZE}`)
    await writeFile(`${base}.input.f32`, Buffer.from(input.buffer))
    await writeFile(`${base}.output.f32`, Buffer.from(output.data.buffer))
    await writeFile(
      `${base}.json`,
      `${JSON.stringify({ model: id, inputShape: [1, REFERENCE_SIZE, REFERENCE_SIZE, 3], outputShape: output.shape, backend: 'tfjs cpu', seconds: Math.round((Date.now() - started) / 1000) }, null, 2)}\n`
    )
    console.log(`${id}: done in ${Math.round((Date.now() - started) / 1000)} s`)
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
