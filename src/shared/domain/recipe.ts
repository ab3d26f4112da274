import type { RestorationOperation } from './restoration'
import { RestorationOperationSchema } from './restoration'
import {
  DEFAULT_DEBLUR_QUALITY,
  DEFAULT_DEBLUR_STRENGTH,
  DEFAULT_UPSCALE_STRENGTH
} from './tool-defaults'

/**
 * A recipe is an ordered list of operations, written the same way on the CLI and in presets:
 * comma-separated steps, each `name[:arg[:arg]]`:
 *   deblur[:strength][:balanced|best] · lowlight[:strength] · denoise[:strength] ·
 *   upscale:scale[:fast|balanced|best][:strength]
 * e.g. "lowlight:0.8,deblur:best,upscale:2:balanced:0.7". After deblur and the scale, a word
 * is a quality and a number a strength, in either order.
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
    case 'deblur': {
      const options = qualityAndStrength(args)
      if (!options) return `deblur takes at most a strength and a quality ("${step}")`
      candidate = { op: 'deblur', ...options }
      break
    }
    case 'lowlight':
    case 'denoise':
      if (args.length > 1) return `${name} takes at most a strength ("${step}")`
      candidate = { op: name, ...(args[0] === undefined ? {} : { strength: Number(args[0]) }) }
      break
    case 'upscale': {
      const options = qualityAndStrength(args.slice(1))
      if (args.length < 1 || !options) {
        return `upscale needs a scale and optionally a quality and a strength, e.g. upscale:2:best:0.8 ("${step}")`
      }
      candidate = { op: 'upscale', scale: Number(args[0]), ...options }
      break
    }
    default:
      return `Unknown step "${name}": use deblur, lowlight, denoise or upscale`
  }
  const result = RestorationOperationSchema.safeParse(candidate)
  if (!result.success) {
    return `Invalid step "${step}": ${result.error.issues[0]?.message ?? 'bad arguments'}`
  }
  return result.data
}

/**
 * A step's optional quality (a word) and strength (a number), at most one of each; null when
 * there are more. The schema then checks the values.
 */
function qualityAndStrength(args: readonly string[]): Record<string, unknown> | null {
  const words = args.filter((a) => /^[a-z]/.test(a))
  const numbers = args.filter((a) => !/^[a-z]/.test(a))
  if (words.length > 1 || numbers.length > 1) return null
  return {
    ...(words[0] === undefined ? {} : { quality: words[0] }),
    ...(numbers[0] === undefined ? {} : { strength: Number(numbers[0]) })
  }
}

/**
 * The recipe written back in the same syntax. Deblur's strength and quality and upscale's
 * strength are left out at their defaults, so recipes stored before those existed keep their
 * normal form ("deblur", "upscale:2:balanced").
 */
export function formatRecipe(recipe: Recipe): string {
  return recipe
    .map((op) => {
      switch (op.op) {
        case 'deblur':
          return [
            'deblur',
            ...(op.strength === DEFAULT_DEBLUR_STRENGTH ? [] : [String(op.strength)]),
            ...(op.quality === DEFAULT_DEBLUR_QUALITY ? [] : [op.quality])
          ].join(':')
        case 'lowlight':
        case 'denoise':
          return `${op.op}:${op.strength}`
        case 'upscale': {
          const strength = op.strength === DEFAULT_UPSCALE_STRENGTH ? '' : `:${op.strength}`
          return `upscale:${op.scale}:${op.quality}${strength}`
        }
      }
    })
    .join(',')
}
