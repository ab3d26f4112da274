import type { ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import { useEditor } from '../state/editor-store'
import { useMask } from '../state/mask-store'
import { PhotoView } from '../viewer/PhotoView'
import { useEffect } from 'react'

/**
 * The photo area: the open photo with pan, zoom, brush mask and before/after (PhotoView), the
 * empty state before any photo. (The drop targets are the window's: see DropTargets.)
 */
export function Viewer({ api }: { api: LucidApi }): ReactElement {
  const doc = useEditor((s) => s.doc)
  const docId = doc?.id

  // A mask belongs to one photo: opening another starts with none.
  useEffect(() => {
    if (docId) useMask.getState().bindDocument(docId)
  }, [docId])

  return (
    <main className="viewer" data-testid="viewer">
      {doc ? (
        <PhotoView key={doc.id} api={api} doc={doc} />
      ) : (
        <div className="empty-state">
          <p className="empty-title">Drop a photo here</p>
          <p className="empty-hint">
            or use Open… to choose one. Lucid never changes your original.
          </p>
        </div>
      )}
    </main>
  )
}
