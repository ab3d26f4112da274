import { describe, expect, it } from 'vitest'
import { invocationDir } from './invocation-dir'

describe('invocationDir', () => {
  const npmRun = {
    npm_lifecycle_event: 'lucid',
    npm_lifecycle_script: 'node out/tools/lucid.cjs',
    INIT_CWD: '/home/me/photos'
  }

  it('is the folder npm was run in when our own script runs the CLI', () => {
    expect(invocationDir(npmRun)).toBe('/home/me/photos')
  })

  it('is null when run directly, or by another package script that calls lucid', () => {
    expect(invocationDir({ INIT_CWD: '/home/me/photos' })).toBeNull()
    expect(
      invocationDir({ ...npmRun, npm_lifecycle_script: 'lucid deblur a.jpg -o b.jpg' })
    ).toBeNull()
    expect(invocationDir({ ...npmRun, npm_lifecycle_event: 'restore' })).toBeNull()
    expect(invocationDir({ ...npmRun, INIT_CWD: '' })).toBeNull()
  })
})
