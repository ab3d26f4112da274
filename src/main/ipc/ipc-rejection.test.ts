import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Channel } from '../../shared/ipc/contract'
import { channels } from '../../shared/ipc/contract'
import { LucidError } from '../../shared/ipc/errors'
import { channelNames } from '../../shared/ipc/names'
import type { Core } from '../core'
import { createCore } from '../core'
import { tempDir, writeLowContrastPng } from '../testing/images'
import { mutationsOf } from '../testing/request-mutations'
import type { ValidRequests } from '../testing/valid-requests'
import { validRequests } from '../testing/valid-requests'
import type { Caller, Dispatch } from './dispatch'
import { createDispatcher } from './dispatch'
import type { Handler, HandlerTable } from './handlers'
import type { CallContext } from './ports'
import { ScriptedDialogs } from './scripted-dialogs'

/**
 * Every channel, on a live core with an open photo and an open gallery, refuses (a) malformed
 * requests from the app and (b) valid requests from any other origin, and either way does
 * nothing at all: no handler runs, and nothing a person could see (documents, gallery,
 * settings, presets, files under the data, import and photo folders, dialogs, events) changes.
 */
const APP = 'lucid://app'
const FOREIGN_ORIGINS = [
  'https://evil.example',
  'null',
  'file://',
  'lucid://app.evil',
  'lucid://image',
  'lucid://apps',
  'LUCID://APP',
  'lucid://app/',
  'http://localhost:5173',
  '',
  null
]

let dir: string
let core: Core
let requests: ValidRequests
let dispatch: Dispatch
const dialogs = new ScriptedDialogs()
/** Channels whose handler ran, in order. */
const reached: Channel[] = []
/** Events pushed to any caller. */
const emitted: string[] = []
const callerFrom = (origin: string | null): Caller => ({
  origin,
  emit: (event, payload) => emitted.push(`${event} ${JSON.stringify(payload)}`)
})
const quiet: CallContext = { emit: () => undefined }

/** The core's handlers, each noting that it ran before doing its work. */
function recording(handlers: HandlerTable): HandlerTable {
  const entries = channelNames.map((name) => {
    const handler = handlers[name] as Handler<Channel>
    const wrapped: Handler<Channel> = (request, context) => {
      reached.push(name)
      return handler(request, context)
    }
    return [name, wrapped] as const
  })
  return Object.fromEntries(entries) as unknown as HandlerTable
}

beforeAll(async () => {
  dir = await tempDir()
  const photoFolder = join(dir, 'photos')
  const outputFolder = join(dir, 'out')
  await mkdir(photoFolder, { recursive: true })
  await mkdir(outputFolder)
  const photoPath = await writeLowContrastPng(photoFolder, 'a.png', 32, 24)
  await writeLowContrastPng(photoFolder, 'b.png', 24, 16)
  core = createCore({
    dialogs,
    importsDir: join(dir, 'imports'),
    dataDir: join(dir, 'data'),
    workerPath: join(dir, 'no-worker.js'),
    modelsDir: join(dir, 'no-models'),
    // Nothing here may run a model; a job would mean a rejected call got through.
    engineFactory: () => {
      throw new LucidError('INTERNAL', 'no restoration jobs in this test')
    },
    log: () => undefined
  })
  const doc = await core.store.open(photoPath)
  // Wait for every thumbnail, so no background work changes the folders under the test.
  let thumbnails = 0
  const allThumbnails = new Promise<void>((resolve) => {
    core.gallery.onThumbnailReady(() => {
      if (++thumbnails === 2) resolve()
    })
  })
  const gallery = await core.gallery.open(photoFolder)
  await allThumbnails
  await core.handlers['presets:save']({ name: 'Night walk', recipe: 'lowlight:0.8' }, quiet)
  // Answers a dialog would give: a dialog shown for a rejected call would take one.
  dialogs.openAnswers.push(photoPath)
  dialogs.exportAnswers.push(join(outputFolder, 'export.png'))
  dialogs.folderAnswers.push(photoFolder, outputFolder)
  requests = validRequests({
    docId: doc.id,
    galleryId: gallery.id,
    itemId: gallery.items[0]!.id,
    photoPath,
    photoFolder,
    outputFolder,
    photoBytes: new Uint8Array(await readFile(photoPath)),
    presetName: 'Night walk',
    batchId: '3c9d7e8f-1a2b-4c3d-9e4f-5a6b7c8d9e0f'
  })
  dispatch = createDispatcher(recording(core.handlers), { trustedOrigins: [APP] })
})

afterAll(() => core.close())

/** Sizes and modification times of every file under `root`, by path. */
async function fileTree(root: string): Promise<Record<string, string>> {
  const tree: Record<string, string> = {}
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name)
    const info = await stat(path)
    tree[path.slice(root.length)] = entry.isDirectory() ? 'dir' : `${info.size}:${info.mtimeMs}`
  }
  return tree
}

/** Everything a call could change that a person or a later call would notice. */
async function observe(): Promise<unknown> {
  // Let anything a call started in the background land before looking.
  await new Promise((resolve) => setTimeout(resolve, 20))
  const docId = requests['image:close'].docId
  const galleryId = requests['gallery:close'].galleryId
  return {
    reached: [...reached],
    emitted: [...emitted],
    openDocuments: core.store.sourcePaths().sort(),
    document: core.store.state(docId),
    gallery: core.gallery.state(galleryId),
    settings: await core.store.settings(),
    presets: await core.handlers['presets:list'](undefined, quiet),
    dialogs: {
      open: [...dialogs.openAnswers],
      export: [...dialogs.exportAnswers],
      folder: [...dialogs.folderAnswers],
      lastFolderPurpose: dialogs.lastFolderPurpose,
      lastExportSuggestion: dialogs.lastExportSuggestion
    },
    files: await fileTree(dir)
  }
}

/** The requests for `name` that its schema rejects (spoilt copies of the valid one). */
function malformedRequests(name: Channel): { what: string; request: unknown }[] {
  return mutationsOf(requests[name]).filter(
    ({ request }) => !channels[name].request.safeParse(request).success
  )
}

describe('every IPC channel', () => {
  it('starts from valid examples: each passes its schema', () => {
    for (const name of channelNames) {
      const parsed = channels[name].request.safeParse(requests[name])
      expect(parsed.success, `${name}: ${parsed.error?.message ?? ''}`).toBe(true)
    }
  })

  it.each(channelNames)(
    '%s refuses malformed requests with INVALID_ARGUMENT and no side effect',
    async (name) => {
      const malformed = malformedRequests(name)
      expect(malformed.length).toBeGreaterThanOrEqual(10)
      const before = await observe()
      for (const { what, request } of malformed) {
        const result = await dispatch(name, request, callerFrom(APP))
        expect(result, `${name}, ${what}`).toMatchObject({
          ok: false,
          error: { code: 'INVALID_ARGUMENT' }
        })
      }
      expect(await observe()).toEqual(before)
    }
  )

  it.each(channelNames)(
    '%s refuses a valid request from a foreign origin with FORBIDDEN_SENDER and no side effect',
    async (name) => {
      const before = await observe()
      for (const origin of FOREIGN_ORIGINS) {
        const result = await dispatch(name, requests[name], callerFrom(origin))
        expect(result, `${name} from ${String(origin)}`).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN_SENDER' }
        })
      }
      expect(await observe()).toEqual(before)
    }
  )

  it('notices a side effect when a call does get through (the check above can fail)', async () => {
    const before = await observe()
    const result = await dispatch('presets:save', requests['presets:save'], callerFrom(APP))
    expect(result).toMatchObject({ ok: true })
    const after = (await observe()) as Record<string, unknown>
    expect(after).not.toEqual(before)
    expect(after.reached).toEqual(['presets:save'])
    expect(after.files).not.toEqual((before as Record<string, unknown>).files)
  })
})
