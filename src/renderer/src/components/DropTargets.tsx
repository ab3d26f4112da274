import type { ReactElement } from 'react'
import { useState } from 'react'
import { recipeLabel } from '../batch/batch-settings'
import { useBatch } from '../state/batch-store'
import { useEditor } from '../state/editor-store'

/**
 * Shown while files are dragged over the window: the drop area (open them) and the "Enhance"
 * target (apply the current recipe, no dialog). The window's drop handler tells them apart by
 * `data-drop-target`; the drop area lets events through to whatever is under it.
 */
export function DropTargets({ hasPaths }: { hasPaths: boolean }): ReactElement | null {
  const dragging = useEditor((s) => s.dragging)
  const recipe = useBatch((s) => s.recipe)
  const presets = useBatch((s) => s.presets)
  const [over, setOver] = useState(false)
  if (!dragging) return null
  return (
    <div className="drop-targets">
      <div className="drop-overlay" data-testid="drop-overlay">
        <div>
          Drop to open
          <p className="drop-hint">
            One photo opens in the editor; several, or a folder, in the gallery
          </p>
        </div>
      </div>
      <div
        className="enhance-target"
        data-testid="enhance-target"
        data-drop-target="enhance"
        data-over={over}
        onDragEnter={() => setOver(true)}
        onDragLeave={() => setOver(false)}
        onDrop={() => setOver(false)}
      >
        <span className="enhance-title">Enhance</span>
        <span className="enhance-recipe" data-testid="enhance-recipe">
          {recipeLabel(presets, recipe)}
        </span>
        <span className="drop-hint">
          {hasPaths ? 'Results are saved beside the originals' : 'Results go to the batch folder'}
        </span>
      </div>
    </div>
  )
}
