import { tempDir } from '../src/main/testing/images'
import { runEditorFlow } from './editor-flow'
import { skipWithoutElectron, stubDialogs, test } from './electron-fixtures'

/** The editor's main flow in the real Electron app, through its native menu and protocol. */
skipWithoutElectron()

test('the editor flow in the Electron app', async ({ app, editor }) => {
  test.setTimeout(240_000)
  await runEditorFlow(
    editor,
    {
      open: (path) => stubDialogs(app, { open: path }),
      save: (path) => stubDialogs(app, { save: path })
    },
    await tempDir('lucid-electron-editor-')
  )
})
