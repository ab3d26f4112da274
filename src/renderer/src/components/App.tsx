import type { ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import { BatchDialog } from '../batch/BatchDialog'
import { BatchPanel } from '../batch/BatchPanel'
import { GalleryView } from '../gallery/GalleryView'
import { useAppEvents } from '../hooks/use-app-events'
import { useGalleryEvents } from '../hooks/use-gallery-events'
import { useEditor } from '../state/editor-store'
import { DropTargets } from './DropTargets'
import { ExportDialog } from './ExportDialog'
import { HistoryPanel } from './HistoryPanel'
import { StatusBar } from './StatusBar'
import { Toolbar } from './Toolbar'
import { ToolsPanel } from './ToolsPanel'
import { Viewer } from './Viewer'

export function App({ api }: { api: LucidApi }): ReactElement {
  useAppEvents(api)
  useGalleryEvents(api)
  const view = useEditor((s) => s.view)
  return (
    <div className="app">
      <Toolbar api={api} />
      {view === 'gallery' ? (
        <GalleryView api={api} />
      ) : (
        <div className="workspace">
          <HistoryPanel api={api} />
          <Viewer api={api} />
          <ToolsPanel api={api} />
        </div>
      )}
      <StatusBar />
      <ExportDialog api={api} />
      <BatchDialog api={api} />
      <BatchPanel api={api} />
      <DropTargets hasPaths={api.shell.nativeMenu} />
    </div>
  )
}
