import { runEditorFlow } from './editor-flow'
import { test } from './fixtures'

test('the editor flow: mask, regional deblur, undo/redo, low-light, upscale, compare, export, reopen', async ({
  editor,
  dialogs,
  workDir
}) => {
  // Real models on this CPU: the masked deblur and the low-light take several seconds each.
  test.setTimeout(240_000)
  await runEditorFlow(
    editor,
    {
      open: (path) => Promise.resolve(void dialogs.openAnswers.push(path)),
      save: (path) => Promise.resolve(void dialogs.exportAnswers.push(path))
    },
    workDir
  )
})
