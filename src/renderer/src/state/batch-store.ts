import { create } from 'zustand'
import type { RecipePreset } from '../../../shared/domain/batch'
import type { BatchAction, BatchRun } from '../batch/batch-reducer'
import { batchReducer } from '../batch/batch-reducer'
import { loadRecipe, saveRecipe } from '../batch/batch-settings'

/**
 * The batch panel's run (see batch-reducer), whether the batch dialog is open, the saved
 * presets, and the current recipe: the last one used or picked, which "Enhance" applies.
 */
export interface BatchStoreState {
  readonly run: BatchRun | null
  readonly dialogOpen: boolean
  readonly presets: readonly RecipePreset[]
  readonly recipe: string
  readonly dispatch: (action: BatchAction) => void
  readonly setDialogOpen: (open: boolean) => void
  readonly setPresets: (presets: readonly RecipePreset[]) => void
  /** Makes a (valid) recipe the current one and remembers it. */
  readonly setRecipe: (recipe: string) => void
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage)

export const useBatch = create<BatchStoreState>()((set) => ({
  run: null,
  dialogOpen: false,
  presets: [],
  recipe: (() => {
    const s = storage()
    return s ? loadRecipe(s) : loadRecipe({ getItem: () => null })
  })(),
  dispatch: (action) => set((s) => ({ run: batchReducer(s.run, action) })),
  setDialogOpen: (dialogOpen) => set({ dialogOpen }),
  setPresets: (presets) => set({ presets }),
  setRecipe: (recipe) => {
    const s = storage()
    if (s) saveRecipe(s, recipe)
    set({ recipe })
  }
}))
