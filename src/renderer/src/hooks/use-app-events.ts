import { useEffect } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import type { ActionContext } from '../actions/registry'
import { allActions, getAction } from '../actions/registry'
import { droppedFiles, enhanceDropped, openDropped } from '../batch/batch-actions'
import { actionForKey } from '../actions/keyboard'
import '../actions/all'
import { useBatch } from '../state/batch-store'
import { useEditor } from '../state/editor-store'

function runAction(name: string, context: ActionContext): void {
  const action = getAction(name)
  if (action?.enabled(context.state())) void action.perform(context)
}

/**
 * Connects the window's inputs to the action registry: keyboard shortcuts (in Electron the
 * native menu owns its commands' keys and sends menu commands; see actions/keyboard.ts), menu
 * commands, job progress, and files dropped anywhere on the window (on the "Enhance" target
 * they are enhanced; anywhere else they open).
 */
export function useAppEvents(api: LucidApi): void {
  useEffect(() => {
    const context: ActionContext = { api, state: useEditor.getState }
    const isMac = api.shell.platform === 'darwin' || /Mac OS X/.test(navigator.userAgent)
    const cleanups: (() => void)[] = []

    const onKey = (event: KeyboardEvent): void => {
      // The export dialog is modal: its own fields and Escape handle the keys.
      if (event.defaultPrevented || useEditor.getState().exportOpen) return
      if (useBatch.getState().dialogOpen) return
      // Keys shared by several actions (Escape: cancel a job, clear the gallery selection) go to
      // the one that is enabled now.
      const options = { isMac, nativeMenu: api.shell.nativeMenu }
      const actions = allActions()
      const state = useEditor.getState()
      const action =
        actionForKey(
          event,
          actions.filter((a) => a.enabled(state)),
          options
        ) ?? actionForKey(event, actions, options)
      if (!action) return
      event.preventDefault()
      runAction(action.name, context)
    }
    window.addEventListener('keydown', onKey)
    cleanups.push(() => window.removeEventListener('keydown', onKey))

    cleanups.push(
      api.events.onMenuCommand(({ command }) => {
        if (!useEditor.getState().exportOpen && !useBatch.getState().dialogOpen) {
          runAction(command, context)
        }
      })
    )
    cleanups.push(
      api.events.onJobProgress((progress) => {
        const { busy, setBusy, setJob } = useEditor.getState()
        if (busy?.jobDocId !== progress.docId || progress.done) return
        setBusy({ ...busy, fraction: progress.fraction })
        setJob(progress)
      })
    )

    let depth = 0
    const hasFiles = (event: DragEvent): boolean =>
      event.dataTransfer?.types.includes('Files') ?? false
    const onDragEnter = (event: DragEvent): void => {
      if (!hasFiles(event)) return
      depth += 1
      useEditor.getState().setDragging(true)
    }
    const onDragLeave = (): void => {
      depth = Math.max(0, depth - 1)
      if (depth === 0) useEditor.getState().setDragging(false)
    }
    const onDragOver = (event: DragEvent): void => {
      // Without this the browser would navigate to the dropped file.
      event.preventDefault()
    }
    const onDrop = (event: DragEvent): void => {
      event.preventDefault()
      depth = 0
      useEditor.getState().setDragging(false)
      const transfer = event.dataTransfer
      if (!transfer || transfer.files.length === 0) return
      const dropped = droppedFiles(api, transfer)
      const target = event.target instanceof Element ? event.target : null
      if (target?.closest('[data-drop-target="enhance"]')) {
        void enhanceDropped(context, dropped)
      } else if (useEditor.getState().busy === null) {
        void openDropped(context, dropped)
      }
    }
    window.addEventListener('dragenter', onDragEnter)
    window.addEventListener('dragleave', onDragLeave)
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('drop', onDrop)
    cleanups.push(() => {
      window.removeEventListener('dragenter', onDragEnter)
      window.removeEventListener('dragleave', onDragLeave)
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('drop', onDrop)
    })
    return () => {
      for (const cleanup of cleanups) cleanup()
    }
  }, [api])
}
