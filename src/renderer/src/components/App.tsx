import type { ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import { useAppEvents } from '../hooks/use-app-events'
import { ExportDialog } from './ExportDialog'
import { HistoryPanel } from './HistoryPanel'
import { StatusBar } from './StatusBar'
import { Toolbar } from './Toolbar'
import { ToolsPanel } from './ToolsPanel'
import { Viewer } from './Viewer'

export function App({ api }: { api: LucidApi }): ReactElement {
  useAppEvents(api)
  return (
    <div className="app">
      <Toolbar api={api} />
      <div className="workspace">
        <HistoryPanel api={api} />
        <Viewer api={api} />
        <ToolsPanel api={api} />
      </div>
      <StatusBar />
      <ExportDialog api={api} />
    </div>
  )
}
