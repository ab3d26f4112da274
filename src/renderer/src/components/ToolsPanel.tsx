import type { ReactElement } from 'react'
import { useState } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import { autoLevelsAction } from '../actions/document-actions'
import { useEditor } from '../state/editor-store'
import { Section } from './Controls'
import { DeviceSetting } from './DeviceSetting'
import { JobPanel } from './JobPanel'
import { MaskSection } from './MaskSection'
import { DeblurTool, DenoiseTool, LowlightTool, UpscaleTool } from './RestoreTools'

/** The right-hand panel: the running job, the mask brush and the restoration tools. */
export function ToolsPanel({ api }: { api: LucidApi }): ReactElement {
  const [deviceEpoch, setDeviceEpoch] = useState(0)
  const canAutoLevel = useEditor(autoLevelsAction.enabled)
  const tool = { api, deviceEpoch }
  return (
    <aside className="panel panel-tools" aria-label="Tools" data-testid="tools-panel">
      <JobPanel api={api} />
      <MaskSection api={api} />
      <DeblurTool {...tool} />
      <LowlightTool {...tool} />
      <UpscaleTool {...tool} />
      <DenoiseTool {...tool} />
      <Section title="Adjust">
        <button
          type="button"
          className="button button-run"
          data-action="autoLevels"
          data-testid="run-autolevels"
          disabled={!canAutoLevel}
          onClick={() => void autoLevelsAction.perform({ api, state: useEditor.getState })}
        >
          Auto levels
        </button>
      </Section>
      <Section title="Engine">
        <DeviceSetting api={api} onChanged={() => setDeviceEpoch((n) => n + 1)} />
      </Section>
    </aside>
  )
}
