import type { BrowserWindow, MenuItemConstructorOptions } from 'electron'
import { Menu, app } from 'electron'
import type { MenuCommand } from '../../shared/domain/document'

/**
 * The application menu, following each platform's conventions. Document commands are sent to
 * the renderer, which runs them through the same action registry as its buttons; the menu's
 * accelerators are the keyboard shortcuts in Electron.
 */
export function installMenu(window: () => BrowserWindow | null): void {
  const send = (command: MenuCommand) => (): void => {
    window()?.webContents.send('menu:command', { command })
  }
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+Shift+E', click: send('export') },
        { type: 'separator' },
        { role: 'close' },
        ...(isMac ? [] : [{ role: 'quit' as const }])
      ]
    },
    {
      label: 'Edit',
      submenu: [
        // Not the built-in undo roles: those act on text fields, ours on the photo's history.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', click: send('redo') },
        // Windows and Linux people also expect Ctrl+Y.
        ...(isMac
          ? []
          : [
              {
                label: 'Redo',
                accelerator: 'Ctrl+Y',
                click: send('redo'),
                visible: false,
                acceleratorWorksWhenHidden: true
              }
            ])
      ]
    },
    {
      label: 'View',
      submenu: [
        { label: 'Fit to Window', accelerator: 'CmdOrCtrl+0', click: send('fit') },
        { label: 'Actual Size (100%)', accelerator: 'CmdOrCtrl+1', click: send('actualSize') },
        { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', click: send('zoomIn') },
        // Cmd/Ctrl with the + key itself (Shift+=) on keyboards that have it.
        {
          label: 'Zoom In',
          accelerator: 'CmdOrCtrl+Plus',
          click: send('zoomIn'),
          visible: false,
          acceleratorWorksWhenHidden: true
        },
        { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', click: send('zoomOut') },
        { type: 'separator' },
        { label: 'Compare with Original', click: send('toggleCompare') },
        { label: 'Show Mask', click: send('toggleMask') },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }])
      ]
    }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
