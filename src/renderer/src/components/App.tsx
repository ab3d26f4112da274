import type { ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import { useAppEvents } from '../hooks/use-app-events'
import { HistoryPanel } from './HistoryPanel'
import { StatusBar } from './StatusBar'
import { Toolbar } from './Toolbar'
import { Viewer } from './Viewer'

export function App({ api }: { api: LucidApi }): ReactElement {
  useAppEvents(api)
  return (
    <div className="app">
      <Toolbar api={api} />
      <div className="workspace">
        <Viewer api={api} />
        <HistoryPanel />
      </div>
      <StatusBar />
    </div>
  )
}
