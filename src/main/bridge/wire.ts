/**
 * JSON over the loopback bridge, with bytes carried as base64 (the one non-JSON type in the
 * contract). The renderer's bridge client speaks the same encoding.
 */
import { BYTES_KEY } from '../../shared/ipc/wire'

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array
      ? { [BYTES_KEY]: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') }
      : v
  )
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v)
      const bytes = (v as Record<string, unknown>)[BYTES_KEY]
      if (keys.length === 1 && typeof bytes === 'string') {
        const buffer = Buffer.from(bytes, 'base64')
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
      }
    }
    return v
  })
}
