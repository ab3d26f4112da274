import type { RestorationOperation } from './restoration'
import { RestorationOperationSchema } from './restoration'

/**
 * A recipe is an ordered list of operations, written the same way on the CLI and in presets:
 * comma-separated steps, each `name[:arg[:arg]]`:
 *   deblur · lowlight[:strength] · denoise[:strength] · upscale:scale[:fast|balanced|best]
 * e.g. "lowlight:0.8,upscale:2:balanced".
 */
export type Recipe = readonly RestorationOperation[]

export type RecipeParse = { ok: true; recipe: Recipe } | { ok: false; message: string }

export function parseRecipe(text: string): RecipeParse {
  const steps = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
  if (steps.length === 0) return { ok: false, message: 'The recipe is empty' }
  if (steps.length > 16) return { ok: false, message: 'A recipe has at most 16 steps' }
  const recipe: RestorationOperation[] = []
  for (const step of steps) {
    const parsed = parseStep(step)
    if (typeof parsed === 'string') return { ok: false, message: parsed }
    recipe.push(parsed)
  }
  return { ok: true, recipe }
}

function parseStep(step: string): RestorationOperation | string {
  const [name = '', ...args] = step.split(':').map((s) => s.trim().toLowerCase())
  // Number('') is 0: without this, "lowlight:" would silently mean strength 0.
  if (args.includes('')) return `Empty argument in "${step}": give a value or drop the colon`
  let candidate: unknown
  switch (name) {
    case 'deblur':
      if (args.length > 0) return `deblur takes no arguments ("${step}")`
      candidate = { op: 'deblur' }
      break
    case 'lowlight':
    case 'denoise':
      if (args.length > 1) return `${name} takes at most a strength ("${step}")`
      candidate = { op: name, ...(args[0] === undefined ? {} : { strength: Number(args[0]) }) }
      break
    case 'upscale':
      if (args.length < 1 || args.length > 2) {
        return `upscale needs a scale and optionally a quality, e.g. upscale:2:best ("${step}")`
      }
      candidate = {
        op: 'upscale',
        scale: Number(args[0]),
        ...(args[1] === undefined ? {} : { quality: args[1] })
      }
      break
    default:
      return `Unknown step "${name}": use deblur, lowlight, denoise or upscale`
  }
  const result = RestorationOperationSchema.safeParse(candidate)
  if (!result.success) {
    return `Invalid step "${step}": ${result.error.issues[0]?.message ?? 'bad arguments'}`
  }
  return result.data
}

/** The recipe written back in the same syntax. */
export function formatRecipe(recipe: Recipe): string {
  return recipe
    .map((op) => {
      switch (op.op) {
        case 'deblur':
          return 'deblur'
        case 'lowlight':
        case 'denoise':
          return `${op.op}:${op.strength}`
        case 'upscale':
          return `upscale:${op.scale}:${op.quality}`
      }
    })
    .join(',')
}
