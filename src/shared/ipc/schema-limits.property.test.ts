import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { BatchOutputSettingsSchema, NAME_PLACEHOLDERS, RecipePresetSchema } from '../domain/batch'
import { EditOperationSchema, ExportOptionsSchema, SettingsSchema } from '../domain/document'
import { MAX_PATH_LENGTH } from '../domain/limits'
import { MAX_BRUSH_SIZE, MAX_MASK_STROKES, MAX_STROKE_POINTS, MaskSchema } from '../domain/mask'
import { formatRecipe, parseRecipe } from '../domain/recipe'
import { RestorationOperationSchema, UPSCALE_FACTORS } from '../domain/restoration'
import { channels } from './contract'

/**
 * Whatever the schemas accept respects the documented limits (domain/limits.ts, mask.ts,
 * restoration.ts): finite numbers in range, bounded lengths, paths without NUL. Values are
 * drawn around and beyond every limit, with NaN, infinities and -0 among the numbers.
 */
const RUNS = 200

const number = fc.oneof(
  fc.double(),
  fc.integer({ min: -10, max: 10_000_000 }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 0.5, 1, 2, 8, 16, 49, 51, 100, 101)
)
const anything = fc.oneof({ weight: 4, arbitrary: number }, fc.anything())
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\0', 'a\0b', 'a'.repeat(MAX_PATH_LENGTH + 1), '/out', '/a/b.png')
)

/** Parses, and for an accepted value also checks that parsing it again gives it back. */
function accepted<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const result = schema.safeParse(value)
  if (!result.success) return undefined
  expect(schema.safeParse(result.data)).toEqual({ success: true, data: result.data })
  return result.data
}

const inRange = (value: number, min: number, max: number): boolean =>
  Number.isFinite(value) && value >= min && value <= max

describe('mask strokes', () => {
  const stroke = fc.record({
    mode: fc.constantFrom('paint', 'erase', 'smudge'),
    size: number,
    hardness: number,
    opacity: number,
    points: fc.array(fc.tuple(number, number), { maxLength: 4 })
  })

  it('accept only finite sizes, strengths and coordinates within the limits', () => {
    fc.assert(
      fc.property(
        fc.record({ strokes: fc.array(stroke, { maxLength: 3 }), inverted: anything }),
        (mask) => {
          const parsed = accepted(MaskSchema, mask)
          for (const s of parsed?.strokes ?? []) {
            expect(inRange(s.size, 1, MAX_BRUSH_SIZE)).toBe(true)
            expect(inRange(s.hardness, 0, 1) && inRange(s.opacity, 0, 1)).toBe(true)
            expect(s.points.length).toBeGreaterThanOrEqual(1)
            for (const point of s.points) {
              expect(point.every((c) => inRange(c, -1e6, 1e6))).toBe(true)
            }
          }
        }
      ),
      { numRuns: RUNS }
    )
  })

  it('accept at most MAX_MASK_STROKES strokes of at most MAX_STROKE_POINTS points', () => {
    const minimal = { mode: 'paint', size: 1, hardness: 1, opacity: 1, points: [[0, 0]] }
    fc.assert(
      fc.property(
        fc.integer({ min: MAX_MASK_STROKES - 1, max: MAX_MASK_STROKES + 1 }),
        fc.integer({ min: MAX_STROKE_POINTS - 1, max: MAX_STROKE_POINTS + 1 }),
        (strokes, points) => {
          const many = { strokes: Array.from({ length: strokes }, () => minimal) }
          expect(MaskSchema.safeParse(many).success).toBe(strokes <= MAX_MASK_STROKES)
          const long = { ...minimal, points: Array.from({ length: points }, () => [1, 2]) }
          expect(MaskSchema.safeParse({ strokes: [long] }).success).toBe(
            points <= MAX_STROKE_POINTS
          )
        }
      ),
      { numRuns: 12 }
    )
  })
})

describe('edit operations', () => {
  it('accept only their documented parameters', () => {
    const operation = fc.record(
      {
        op: fc.constantFrom('autoLevels', 'deblur', 'lowlight', 'denoise', 'upscale', 'sharpen'),
        strength: number,
        scale: fc.oneof(number, fc.constantFrom(...UPSCALE_FACTORS)),
        quality: fc.constantFrom('fast', 'balanced', 'best', 'ultra'),
        lowerPercentile: number,
        upperPercentile: number
      },
      { requiredKeys: ['op'] }
    )
    fc.assert(
      fc.property(operation, (candidate) => {
        const op = accepted(EditOperationSchema, candidate)
        if (op === undefined) return
        switch (op.op) {
          case 'autoLevels':
            expect(inRange(op.lowerPercentile, 0, 49)).toBe(true)
            expect(inRange(op.upperPercentile, 51, 100)).toBe(true)
            break
          case 'lowlight':
          case 'denoise':
            expect(inRange(op.strength, 0, 1)).toBe(true)
            break
          case 'upscale':
            expect(UPSCALE_FACTORS).toContain(op.scale)
            expect(inRange(op.strength, 0, 1)).toBe(true)
            break
          case 'deblur':
            expect(inRange(op.strength, 0, 1)).toBe(true)
            expect(['balanced', 'best']).toContain(op.quality)
        }
      }),
      { numRuns: RUNS }
    )
  })
})

describe('export options and batch output settings', () => {
  it('accept only qualities 1–100, 8 or 16 bits, and known formats', () => {
    const options = fc.record(
      {
        format: fc.constantFrom('jpeg', 'png', 'webp', 'tiff', 'avif', 'gif', 'bmp'),
        quality: number,
        bitDepth: number,
        keepMetadata: anything,
        colourProfile: fc.constantFrom('original', 'srgb', 'p3')
      },
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(options, (candidate) => {
        const parsed = accepted(ExportOptionsSchema, candidate)
        if (parsed === undefined) return
        expect(Number.isInteger(parsed.quality) && inRange(parsed.quality, 1, 100)).toBe(true)
        expect([8, 16]).toContain(parsed.bitDepth)
        expect(typeof parsed.keepMetadata).toBe('boolean')
      }),
      { numRuns: RUNS }
    )
  })

  it('accept only a bounded folder path without NUL and a plain-file-name template', () => {
    const settings = fc.record(
      {
        folder: text,
        nameTemplate: fc.oneof(
          text,
          fc.constantFrom('{name}_lucid.{ext}', '{index}-{name}.{ext}', '../{name}', '.{name}')
        ),
        quality: number
      },
      { requiredKeys: ['folder'] }
    )
    fc.assert(
      fc.property(settings, (candidate) => {
        const parsed = accepted(BatchOutputSettingsSchema, candidate)
        if (parsed === undefined) return
        expect(parsed.folder.length).toBeLessThanOrEqual(MAX_PATH_LENGTH)
        expect(parsed.folder).not.toContain('\0')
        expect(parsed.nameTemplate.length).toBeLessThanOrEqual(255)
        expect(parsed.nameTemplate).not.toMatch(/^\.|[/\\\0]/)
        for (const placeholder of parsed.nameTemplate.match(/\{[^}]*\}/g) ?? []) {
          expect(NAME_PLACEHOLDERS).toContain(placeholder)
        }
        expect(Number.isInteger(parsed.quality) && inRange(parsed.quality, 1, 100)).toBe(true)
      }),
      { numRuns: RUNS }
    )
  })
})

describe('paths in requests', () => {
  // Where each channel carries a path, as a function from a path to a request.
  const requestsWithPath: [keyof typeof channels, (path: string) => unknown][] = [
    ['image:openPath', (path) => ({ path })],
    ['gallery:openPath', (path) => ({ path })],
    ['gallery:openFiles', (path) => ({ paths: [path] })],
    ['enhance:paths', (path) => ({ paths: ['/a.png'], recipe: 'deblur', folder: path })],
    [
      'batch:start',
      (path) => ({
        galleryId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
        itemIds: ['0123456789abcdef'],
        recipe: { kind: 'history' },
        output: { folder: path }
      })
    ]
  ]

  it.each(requestsWithPath)(
    '%s accepts only paths of at most MAX_PATH_LENGTH without NUL',
    (name, request) => {
      fc.assert(
        fc.property(text, (path) => {
          if (accepted(channels[name].request, request(path)) === undefined) return
          expect(path.length).toBeLessThanOrEqual(MAX_PATH_LENGTH)
          expect(path).not.toContain('\0')
        }),
        { numRuns: 100, examples: [['/a\0b'], ['/'.repeat(MAX_PATH_LENGTH + 1)]] }
      )
    }
  )
})

describe('recipes', () => {
  const argument = fc.oneof(
    fc.string({ maxLength: 4 }),
    number.map(String),
    fc.constantFrom('', ' ', 'fast', 'best', 'ultra', '0x2', '1e0', '-0')
  )
  const step = fc
    .tuple(
      fc.constantFrom('deblur', 'lowlight', 'denoise', 'upscale', 'sharpen', ' Upscale '),
      fc.array(argument, { maxLength: 3 })
    )
    .map(([name, args]) => [name, ...args].join(':'))
  const recipeText = fc.oneof(
    fc.array(step, { maxLength: 18 }).map((steps) => steps.join(',')),
    fc.string()
  )

  it('parse to at most 16 valid operations that format and parse back the same', () => {
    fc.assert(
      fc.property(recipeText, (textValue) => {
        const parsed = parseRecipe(textValue)
        if (!parsed.ok) return
        expect(parsed.recipe.length).toBeLessThanOrEqual(16)
        for (const op of parsed.recipe) {
          expect(RestorationOperationSchema.safeParse(op).success).toBe(true)
        }
        // Compared as JSON: "lowlight:-0" is strength -0, which formats as 0 (the same step).
        expect(JSON.stringify(parseRecipe(formatRecipe(parsed.recipe)))).toBe(
          JSON.stringify(parsed)
        )
      }),
      { numRuns: RUNS }
    )
  })

  it('refuse a step with an empty argument rather than reading it as 0', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('lowlight', 'denoise', 'upscale', 'upscale:2'),
        fc.constantFrom(':', ': ', '::'),
        (name, colon) => {
          expect(parseRecipe(`${name}${colon}`).ok).toBe(false)
        }
      )
    )
  })
})

describe('settings and presets', () => {
  it('accept only a known device and GPU index 0–15, and a trimmed preset name of 1–80', () => {
    fc.assert(
      fc.property(
        fc.record(
          { kind: fc.constantFrom('auto', 'cpu', 'cuda', 'metal'), gpuIndex: number },
          {
            requiredKeys: ['kind']
          }
        ),
        fc.record({ name: text, recipe: text }),
        (device, preset) => {
          const settings = accepted(SettingsSchema, { device })
          const index = settings?.device.gpuIndex
          if (index !== undefined)
            expect(Number.isInteger(index) && inRange(index, 0, 15)).toBe(true)
          const saved = accepted(RecipePresetSchema, preset)
          if (saved === undefined) return
          expect(saved.name).toBe(saved.name.trim())
          expect(saved.name.length >= 1 && saved.name.length <= 80).toBe(true)
          expect(saved.recipe.length).toBeLessThanOrEqual(1000)
        }
      ),
      { numRuns: RUNS }
    )
  })
})
