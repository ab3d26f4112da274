import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * Proves the layer rules in eslint.layers.mjs fire: each snippet is linted as if it lived at the
 * given path, with only `no-restricted-imports` enabled (no type information needed).
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports'
})

async function violations(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath })
  return result?.messages.filter((m) => m.ruleId === 'no-restricted-imports').length ?? -1
}

describe('layer boundaries', () => {
  it.each([
    ['src/shared/x.ts', "import { app } from 'electron'"],
    ['src/shared/x.ts', "import { readFile } from 'node:fs/promises'"],
    ['src/shared/x.ts', "import { join } from 'path'"],
    ['src/shared/x.ts', "import sharp from 'sharp'"],
    ['src/shared/x.ts', "import { createCore } from '../main/core'"],
    ['src/shared/ipc/x.ts', "import { App } from '../../renderer/src/components/App'"],
    ['src/renderer/src/x.ts', "import { createCore } from '../../main/core'"],
    ['src/renderer/src/x.ts', "import '../../preload/index'"],
    ['src/renderer/src/x.ts', "import { ipcRenderer } from 'electron'"],
    ['src/renderer/src/x.ts', "import { readFileSync } from 'fs'"],
    ['src/renderer/src/x.ts', "import * as fs from 'node:fs'"],
    ['src/main/engine/x.ts', "import { app } from 'electron'"],
    ['src/main/ipc/x.ts', "import { ipcMain } from 'electron'"],
    ['src/main/bridge/x.ts', "import { protocol } from 'electron'"],
    ['src/main/engine/x.ts', "import { registerIpc } from '../electron/ipc'"],
    ['src/main/engine/x.ts', "import { App } from '../../renderer/src/components/App'"],
    ['src/preload/x.ts', "import { createCore } from '../main/core'"],
    // Nothing leaves the machine: no networking outside the loopback bridge.
    ['src/main/engine/x.ts', "import { request } from 'node:https'"],
    ['src/main/editor/x.ts', "import { connect } from 'net'"],
    ['src/main/ipc/x.ts', "import { lookup } from 'node:dns/promises'"],
    ['src/main/cli/x.ts', "import { fetch } from 'undici'"],
    ['src/main/electron/x.ts', "import { net } from 'electron'"],
    ['src/main/index.ts', "import { app, autoUpdater } from 'electron'"],
    ['src/main/electron/x.ts', "import { get } from 'node:http'"]
  ])('%s may not: %s', async (path, code) => {
    expect(await violations(path, code)).toBe(1)
  })

  it.each([
    ['src/main/electron/x.ts', "import { app } from 'electron'"],
    ['src/main/index.ts', "import { app } from 'electron'"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron'"],
    ['src/main/engine/x.ts', "import sharp from 'sharp'"],
    ['src/main/bridge/x.ts', "import { createServer } from 'node:http'"],
    ['src/main/engine/x.ts', "import { readFile } from 'node:fs/promises'"],
    ['src/renderer/src/x.ts', "import { channels } from '../../shared/ipc/contract'"],
    ['src/shared/ipc/x.ts', "import { z } from 'zod'"],
    ['src/shared/ipc/x.ts', "import { MAX_IMAGE_PIXELS } from '../domain/limits'"]
  ])('%s may: %s', async (path, code) => {
    expect(await violations(path, code)).toBe(0)
  })
})

describe('no network outside the loopback bridge', () => {
  const globalsLint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-globals'
  })
  const globalUses = async (filePath: string, code: string): Promise<number> => {
    const [result] = await globalsLint.lintText(code, { filePath })
    return result?.messages.filter((m) => m.ruleId === 'no-restricted-globals').length ?? -1
  }

  it.each([
    ['src/main/engine/x.ts', "void fetch('https://example.com')"],
    ['src/main/electron/x.ts', "new WebSocket('wss://example.com')"],
    ['src/main/index.ts', "new EventSource('https://example.com')"]
  ])('%s may not: %s', async (path, code) => {
    expect(await globalUses(path, code)).toBe(1)
  })
})
