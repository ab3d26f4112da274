import { homedir } from 'node:os'
import { join, win32 } from 'node:path'

/** Electron's app name (package.json productName), which names the app's own data folder. */
const APP_NAME = 'Lucid'

/**
 * The folder the desktop app keeps its data in (Electron's `userData`), computed without
 * Electron so that the `lucid` command line uses the same one: its temp journal sits beside the
 * app's, and either one's start cleans up after the other (orphan-cleanup.ts). LUCID_DATA_DIR
 * overrides it (tests, portable set-ups).
 */
export function lucidDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir()
): string {
  if (env.LUCID_DATA_DIR) return env.LUCID_DATA_DIR
  switch (platform) {
    case 'win32':
      return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), APP_NAME)
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_NAME)
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME)
  }
}
