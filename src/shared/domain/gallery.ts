import { z } from 'zod'

/**
 * The gallery: one folder's photos as the renderer sees them. Items are named by opaque ids,
 * never by path; main maps (gallery id, item id) back to a file.
 */

/** Longest side of a gallery thumbnail, in pixels. */
export const GALLERY_THUMBNAIL_SIDE = 256

/** File extensions the gallery lists (lower case, without the dot). */
export const GALLERY_EXTENSIONS = [
  'jpg',
  'jpeg',
  'png',
  'webp',
  'tiff',
  'tif',
  'avif',
  'gif',
  'heic',
  'heif'
] as const

/**
 * Whether a file name is a photo's, for the gallery and for batch folders alike: a photo
 * extension (any case), not hidden (which also leaves out macOS's `._IMG.jpg` resource forks).
 */
export function isPhotoName(name: string): boolean {
  if (name.startsWith('.')) return false
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return false
  return (GALLERY_EXTENSIONS as readonly string[]).includes(name.slice(dot + 1).toLowerCase())
}

/** An item id: the first 16 hex digits of the SHA-1 of the photo's path. */
export const GalleryItemIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'a gallery item id')
export const GalleryIdSchema = z.uuid()

export const GalleryItemSchema = z.object({
  id: GalleryItemIdSchema,
  /** The file name, extension included. */
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  /** Modification time, ms since the epoch. */
  modifiedAt: z.number().nonnegative(),
  /** Whether the photo has a saved edit history with at least one step (the badge). */
  hasHistory: z.boolean()
})
export type GalleryItem = z.infer<typeof GalleryItemSchema>

export const GalleryStateSchema = z.object({
  id: GalleryIdSchema,
  /** The folder's own name (not its path). */
  folderName: z.string(),
  /** The photos, in natural name order. */
  items: z.array(GalleryItemSchema),
  /** Photo-named entries that could not be read (dangling links, no permission). */
  skipped: z.number().int().nonnegative()
})
export type GalleryState = z.infer<typeof GalleryStateSchema>

/**
 * Why a photo has no thumbnail: a subset of the IPC error codes (the same strings), with
 * anything unexpected reported as INTERNAL.
 */
export const THUMBNAIL_ERROR_CODES = [
  'FILE_NOT_FOUND',
  'UNSUPPORTED_FORMAT',
  'CORRUPT_IMAGE',
  'IMAGE_TOO_LARGE',
  'INTERNAL'
] as const
export const ThumbnailErrorSchema = z.object({
  code: z.enum(THUMBNAIL_ERROR_CODES),
  message: z.string()
})
export type ThumbnailError = z.infer<typeof ThumbnailErrorSchema>

/** Pushed as each background thumbnail is ready, or has failed for good. */
export const ThumbnailReadyEventSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), galleryId: GalleryIdSchema, itemId: GalleryItemIdSchema }),
  z.object({
    ok: z.literal(false),
    galleryId: GalleryIdSchema,
    itemId: GalleryItemIdSchema,
    error: ThumbnailErrorSchema
  })
])
export type ThumbnailReadyEvent = z.infer<typeof ThumbnailReadyEventSchema>

export const GallerySortSchema = z.object({
  by: z.enum(['name', 'date']),
  descending: z.boolean().default(false)
})
export type GallerySort = z.infer<typeof GallerySortSchema>

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/**
 * Natural name order, as file managers sort: IMG_2 before IMG_10, case ignored; names the
 * collator finds equal fall back to code-point order so the order is total and stable.
 */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** A sorted copy: by natural name, or by modification time (ties by name). */
export function sortGalleryItems<T extends Pick<GalleryItem, 'name' | 'modifiedAt'>>(
  items: readonly T[],
  sort: GallerySort
): T[] {
  const sign = sort.descending ? -1 : 1
  const compare =
    sort.by === 'name'
      ? (a: T, b: T): number => compareNames(a.name, b.name)
      : (a: T, b: T): number => a.modifiedAt - b.modifiedAt || compareNames(a.name, b.name)
  return [...items].sort((a, b) => sign * compare(a, b))
}

/** The items whose name contains `query` (case- and accent-insensitive); all for a blank one. */
export function filterGalleryItems<T extends Pick<GalleryItem, 'name'>>(
  items: readonly T[],
  query: string
): T[] {
  const needle = fold(query.trim())
  if (!needle) return [...items]
  return items.filter((item) => fold(item.name).includes(needle))
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}
