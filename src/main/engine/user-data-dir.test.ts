import { describe, expect, it } from 'vitest'
import { lucidDataDir } from './user-data-dir'

describe('lucidDataDir', () => {
  it("is Electron's userData folder for the app on each platform", () => {
    expect(lucidDataDir({}, 'linux', '/home/ana')).toBe('/home/ana/.config/Lucid')
    expect(lucidDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ana')).toBe('/cfg/Lucid')
    expect(lucidDataDir({}, 'darwin', '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Lucid'
    )
    expect(
      lucidDataDir({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\Lucid')
    expect(lucidDataDir({}, 'win32', 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Lucid'
    )
  })

  it('LUCID_DATA_DIR overrides it', () => {
    expect(lucidDataDir({ LUCID_DATA_DIR: '/tmp/x' }, 'linux', '/home/ana')).toBe('/tmp/x')
  })
})
