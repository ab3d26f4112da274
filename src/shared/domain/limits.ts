/**
 * Hard limits that protect the app from hostile or accidental input. They live in shared so
 * the UI can tell people about them before they hit them.
 */

/** Largest image we decode, in pixels (width × height): a 200-megapixel guard against
 * decompression bombs, comfortably above the 50 MP photos the editor is built for. */
export const MAX_IMAGE_PIXELS = 200_000_000

/** Largest file we read, in bytes. */
export const MAX_IMAGE_FILE_BYTES = 512 * 1024 * 1024

/** Largest dropped image sent as bytes (no file path available, e.g. from a browser). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024

/** Longest side of the preview the viewer shows. */
export const PREVIEW_MAX_SIDE = 2048

export const MAX_PATH_LENGTH = 4096
