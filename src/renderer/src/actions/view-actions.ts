import type { Tool } from '../state/view-store'
import { useView } from '../state/view-store'
import type { Action, Shortcut } from './registry'
import { register } from './registry'
import { hasDoc } from './edit-actions'

/** How much one zoom step changes the scale: three steps double it. */
export const ZOOM_STEP = Math.cbrt(2)

function viewAction(
  name: string,
  label: string,
  shortcuts: readonly Shortcut[],
  change: () => void
): Action {
  return register({
    name,
    label,
    shortcuts,
    enabled: hasDoc,
    perform: () => {
      change()
      return Promise.resolve()
    }
  })
}

export const fitAction = viewAction('fit', 'Fit', [{ key: '0', mod: true }], () =>
  useView.getState().requestZoom({ kind: 'fit' })
)

export const actualSizeAction = viewAction('actualSize', '100%', [{ key: '1', mod: true }], () =>
  useView.getState().requestZoom({ kind: 'actual' })
)

export const zoomInAction = viewAction(
  'zoomIn',
  'Zoom in',
  [
    { key: '=', mod: true },
    { key: '+', mod: true },
    { key: '+', mod: true, shift: true }
  ],
  () => useView.getState().requestZoom({ kind: 'by', factor: ZOOM_STEP })
)

export const zoomOutAction = viewAction(
  'zoomOut',
  'Zoom out',
  [
    { key: '-', mod: true },
    { key: '_', mod: true, shift: true }
  ],
  () => useView.getState().requestZoom({ kind: 'by', factor: 1 / ZOOM_STEP })
)

export const toggleCompareAction = viewAction('toggleCompare', 'Compare', [{ key: 'c' }], () => {
  const { compare, setCompare } = useView.getState()
  setCompare(compare === 'split' ? 'off' : 'split')
})

export const toggleMaskAction = viewAction('toggleMask', 'Show mask', [{ key: 'm' }], () => {
  const { maskVisible, setMaskVisible } = useView.getState()
  setMaskVisible(!maskVisible)
})

function toolAction(tool: Tool, label: string, key: string): Action {
  return viewAction(`tool.${tool}`, label, [{ key }], () => {
    const view = useView.getState()
    view.setTool(tool)
    // Painting an invisible mask would be painting blind.
    if (tool !== 'hand' && !view.maskVisible) view.setMaskVisible(true)
  })
}

export const brushToolAction = toolAction('brush', 'Brush', 'b')
export const eraseToolAction = toolAction('erase', 'Erase', 'e')
export const handToolAction = toolAction('hand', 'Hand', 'h')
