import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { DocumentService } from '../editor/document-service'
import { createCore } from '../core'
import { ScriptedDialogs } from '../ipc/scripted-dialogs'
import { tempDir, writeLowContrastPng } from '../testing/images'

type Handler = (request: Request) => Promise<Response>
const electron = vi.hoisted(() => ({
  handler: undefined as Handler | undefined,
  privileged: [] as unknown[]
}))
vi.mock('electron', () => ({
  protocol: {
    handle: (_scheme: string, handler: Handler) => (electron.handler = handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes)
  }
}))

const { handleAppScheme, registerAppScheme } = await import('./protocol')

let store: DocumentService
let docId: string
let galleryThumb: string
let secret: string

beforeAll(async () => {
  const dir = await tempDir()
  const root = join(dir, 'renderer')
  secret = join(dir, 'secret.txt')
  await mkdir(root)
  await writeFile(join(root, 'index.html'), '<!doctype html>')
  await writeFile(secret, 'private')
  await symlink(secret, join(root, 'link.txt'))
  const core = createCore({ dialogs: new ScriptedDialogs(), importsDir: dir, dataDir: dir })
  store = core.store
  const photo = await writeLowContrastPng(dir)
  docId = (await store.open(photo)).id
  const gallery = await core.gallery.open(dir)
  galleryThumb = `${gallery.id}/${gallery.items.find((i) => i.name === basename(photo))?.id ?? ''}`
  handleAppScheme(root, core.images)
})

const get = (url: string, method = 'GET'): Promise<Response> =>
  electron.handler!(new Request(url, { method }))

describe('the lucid:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    registerAppScheme()
    expect(electron.privileged).toContainEqual({
      scheme: 'lucid',
      privileges: { standard: true, secure: true, supportFetchAPI: true }
    })
  })

  it('serves the app with the CSP header', async () => {
    const response = await get('lucid://app/index.html')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
  })

  it.each([
    'lucid://app/../secret.txt',
    'lucid://app/%2e%2e/secret.txt',
    'lucid://app/..%2fsecret.txt',
    'lucid://app/link.txt',
    'lucid://app/index.html%00.png',
    'lucid://app//etc/passwd',
    'lucid://file/etc/passwd',
    'lucid://app/%2E%2E%2Fsecret.txt',
    'lucid://app/%252e%252e/secret.txt',
    'lucid://app/..%5csecret.txt',
    'lucid://image/../../etc/passwd',
    'lucid://image/%2e%2e/%2e%2e/etc/passwd',
    'lucid://image/original%2f..%2f..%2fsecret.txt',
    'lucid://image//etc/passwd',
    'lucid://image/thumb/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e/..%2fsecret.txt',
    'lucid://image/original/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e%00',
    'lucid://image/preview/not-a-doc/0',
    'lucid://preview/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e/0',
    'lucid://image/thumb/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e/original'
  ])('refuses %s', async (url) => {
    const response = await get(url)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('private')
  })

  it('refuses absolute paths, with or without the symlink', async () => {
    for (const url of [`lucid://app/${secret}`, `lucid://app/${encodeURIComponent(secret)}`]) {
      const response = await get(url)
      expect(response.status).toBe(404)
      expect(await response.text()).not.toContain('private')
    }
  })

  it('serves previews of open documents by id and current revision only', async () => {
    const response = await get(`lucid://image/preview/${docId}/0`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/jpeg')
    expect((await get(`lucid://image/preview/${docId}/1`)).status).toBe(404)
    expect((await get('lucid://image/preview/0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e/0')).status).toBe(
      404
    )
  })

  it('serves the original, regions and thumbnails through the same routes', async () => {
    expect((await get(`lucid://image/original/${docId}`)).status).toBe(200)
    const region = await get(`lucid://image/region/${docId}/0?x=10&y=10&w=20&h=20&out=40`)
    expect(region.status).toBe(200)
    expect((await get(`lucid://image/region/${docId}/0?x=10&y=10&w=0&h=20&out=40`)).status).toBe(
      404
    )
    const thumb = await get(`lucid://image/thumb/${docId}/original`)
    expect(thumb.headers.get('content-type')).toBe('image/png')
  })

  it('serves gallery thumbnails by gallery and item id only', async () => {
    const thumb = await get(`lucid://image/gallery-thumb/${galleryThumb}`)
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get('content-type')).toBe('image/jpeg')
    const [galleryId = ''] = galleryThumb.split('/')
    expect((await get(`lucid://image/gallery-thumb/${galleryId}/0123456789abcdef`)).status).toBe(
      404
    )
  })

  it('refuses anything but GET', async () => {
    expect((await get('lucid://app/index.html', 'POST')).status).toBe(405)
  })
})
