/// <reference types="vite/client" />
import type { LucidApi } from '../../shared/ipc/api'

declare global {
  interface Window {
    /** Present in Electron (the preload); absent in the bridge test build. */
    readonly lucid?: LucidApi
  }
}
