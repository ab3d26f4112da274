import type { Channel, RequestOf } from '../../shared/ipc/contract'

/**
 * The things a valid request names: ids of an open document and gallery, real paths. With a
 * fixture from a live core, every example would do real work if it reached its handler, so a
 * test that sends them from a foreign origin proves the dispatcher, not a lucky NOT_FOUND,
 * stopped them.
 */
export interface RequestFixture {
  readonly docId: string
  readonly galleryId: string
  readonly itemId: string
  /** An absolute path of a photo. */
  readonly photoPath: string
  /** An absolute folder of photos. */
  readonly photoFolder: string
  /** An absolute folder results may be written to. */
  readonly outputFolder: string
  /** The bytes of a small photo. */
  readonly photoBytes: Uint8Array<ArrayBuffer>
  /** A preset that exists, for presets:delete. */
  readonly presetName: string
  readonly batchId: string
}

/** One valid request per channel; the mapped type makes a channel without one a build error. */
export type ValidRequests = { readonly [C in Channel]: RequestOf<C> }

/** A valid request for every channel of the contract, naming the fixture's ids and paths. */
export function validRequests(fixture: RequestFixture): ValidRequests {
  const { docId, galleryId, itemId, photoPath, photoFolder, outputFolder, photoBytes } = fixture
  const batchRef = { batchId: fixture.batchId }
  return {
    'image:open': undefined,
    'image:openPath': { path: photoPath },
    'image:importBytes': { name: 'dropped.png', bytes: photoBytes },
    'image:close': { docId },
    'image:export': { docId, options: { format: 'png', quality: 80 } },
    'edit:apply': { docId, operation: { op: 'autoLevels' } },
    'edit:cancel': { docId },
    'edit:undo': { docId },
    'edit:redo': { docId },
    'edit:jumpTo': { docId, cursor: 0 },
    'engine:estimate': {
      docId,
      operation: { op: 'deblur' },
      mask: {
        strokes: [{ mode: 'paint', size: 12, hardness: 0.5, opacity: 1, points: [[4, 4]] }],
        inverted: false
      }
    },
    'gallery:open': undefined,
    'gallery:openPath': { path: photoFolder },
    'gallery:openFiles': { paths: [photoPath] },
    'gallery:state': { galleryId },
    'gallery:setVisible': { galleryId, itemIds: [itemId] },
    'gallery:openItem': { galleryId, itemId },
    'gallery:close': { galleryId },
    'batch:chooseFolder': undefined,
    'batch:start': {
      galleryId,
      itemIds: [itemId],
      recipe: { kind: 'recipe', text: 'lowlight:0.5' },
      output: { folder: outputFolder, format: 'png' }
    },
    'batch:pause': batchRef,
    'batch:resume': batchRef,
    'batch:cancel': batchRef,
    'presets:list': undefined,
    'presets:save': { name: 'Evening', recipe: 'lowlight:0.8,denoise:0.5' },
    'presets:delete': { name: fixture.presetName },
    'enhance:paths': { paths: [photoPath], recipe: 'denoise:0.5', folder: outputFolder },
    'enhance:bytes': {
      files: [{ name: 'dropped.png', bytes: photoBytes }],
      recipe: 'upscale:2',
      folder: outputFolder
    },
    'settings:get': undefined,
    'settings:set': { device: { kind: 'cpu' } }
  }
}

/** A fixture of well-formed ids and paths that name nothing, for schema-level tests. */
export const sampleFixture: RequestFixture = {
  docId: '0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e',
  galleryId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  itemId: '0123456789abcdef',
  photoPath: '/photos/holiday/beach.png',
  photoFolder: '/photos/holiday',
  outputFolder: '/photos/enhanced',
  photoBytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  presetName: 'Night walk',
  batchId: '3c9d7e8f-1a2b-4c3d-9e4f-5a6b7c8d9e0f'
}
