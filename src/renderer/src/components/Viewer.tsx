import type { ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import { useEditor } from '../state/editor-store'

/**
 * Shows the current result. In this version it displays main's preview rendition (long side up
 * to 2048 px) fitted to the window or at the photo's actual pixel size.
 */
export function Viewer({ api }: { api: LucidApi }): ReactElement {
  const doc = useEditor((s) => s.doc)
  const zoom = useEditor((s) => s.zoom)
  const dragging = useEditor((s) => s.dragging)

  return (
    <main
      className={`viewer ${zoom === 'fit' ? 'viewer-fit' : 'viewer-actual'}`}
      data-testid="viewer"
    >
      {doc ? (
        <img
          key={doc.id}
          className="viewer-image"
          data-testid="photo"
          data-revision={doc.revision}
          src={api.shell.previewUrl(doc.id, doc.revision)}
          alt={doc.name}
          draggable={false}
          style={zoom === 'actual' ? { width: doc.info.width, height: doc.info.height } : undefined}
        />
      ) : (
        <div className="empty-state">
          <p className="empty-title">Drop a photo here</p>
          <p className="empty-hint">
            or use Open… to choose one. Lucid never changes your original.
          </p>
        </div>
      )}
      {dragging ? (
        <div className="drop-overlay" data-testid="drop-overlay">
          Drop to open
        </div>
      ) : null}
    </main>
  )
}
