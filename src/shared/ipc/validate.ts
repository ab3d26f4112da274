import type { z } from 'zod'
import { LucidError } from './errors'

/**
 * Validates a value against a schema and returns the parsed value, or throws one
 * INVALID_ARGUMENT LucidError whose message names every offending field, e.g.
 * "Invalid request for edit:undo: docId: Expected a document id (uuid)".
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string
): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const detail = result.error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.map(String).join('.')
      return where ? `${where}: ${issue.message}` : issue.message
    })
    .join('; ')
  throw new LucidError('INVALID_ARGUMENT', `Invalid ${what}: ${detail}`)
}
