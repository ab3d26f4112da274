/** Key under which the loopback bridge's JSON carries bytes as base64: `{ "$bytes": "…" }`. */
export const BYTES_KEY = '$bytes'
