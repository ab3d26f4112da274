import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { LucidApi } from '../shared/ipc/api'
import { buildApi } from '../shared/ipc/api'
import { formatImageRoute } from '../shared/ipc/image-routes'
import type { Result } from '../shared/ipc/errors'

// The narrow bridge: named functions generated from the contract, never ipcRenderer itself.
const channelsAndEvents = buildApi(
  (channel, request) => ipcRenderer.invoke(channel, request) as Promise<Result<unknown>>,
  (event, listener) => {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, wrapped)
    return () => {
      ipcRenderer.removeListener(event, wrapped)
    }
  }
)

const api: LucidApi = {
  ...channelsAndEvents,
  shell: {
    imageUrl: (route) => `lucid://image/${formatImageRoute(route)}`,
    nativeMenu: true,
    platform: process.platform,
    pathForFile: (file) => webUtils.getPathForFile(file) || null
  }
}

contextBridge.exposeInMainWorld('lucid', api)
