import type { LucidApi } from '../../../shared/ipc/api'

/**
 * The API the UI talks to: the preload's `window.lucid` in Electron. Only the bridge test build
 * (mode `bridge`) contains the loopback client; elsewhere that branch is removed at build time.
 */
export async function connectLucid(): Promise<LucidApi> {
  if (window.lucid) return window.lucid
  if (import.meta.env.MODE === 'bridge') {
    const { connectBridge } = await import('./bridge-client')
    return connectBridge()
  }
  throw new Error('Lucid must run inside its application window')
}
