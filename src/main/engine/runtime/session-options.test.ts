import { describe, expect, it } from 'vitest'
import { countPhysicalCores, physicalCoreCount, sessionOptions } from './session-options'

const block = (processor: number, socket: number, core: number): string =>
  `processor\t: ${processor}\nphysical id\t: ${socket}\ncore id\t\t: ${core}\n`

describe('countPhysicalCores', () => {
  it('counts hyper-threads of one core once, and cores on two sockets separately', () => {
    const smt = [block(0, 0, 0), block(1, 0, 1), block(2, 0, 0), block(3, 0, 1)].join('\n')
    expect(countPhysicalCores(smt)).toBe(2)
    const twoSockets = [block(0, 0, 0), block(1, 1, 0)].join('\n')
    expect(countPhysicalCores(twoSockets)).toBe(2)
  })

  it('answers null when the text names no cores (some ARM kernels)', () => {
    expect(countPhysicalCores('processor\t: 0\nBogoMIPS\t: 48.00\n')).toBeNull()
  })
})

describe('sessionOptions', () => {
  it('optimises fully, runs sequentially on the given provider, one thread per core, no memory patterns', () => {
    const options = sessionOptions({ provider: 'cpu', config: { name: 'cpu' } })
    expect(options).toMatchObject({
      executionProviders: [{ name: 'cpu' }],
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      enableMemPattern: false,
      extra: { 'session.intra_op.allow_spinning': '0' }
    })
    expect(options.intraOpNumThreads).toBe(physicalCoreCount() ?? 0)
    if (process.platform === 'linux') expect(physicalCoreCount()).toBeGreaterThanOrEqual(1)
  })
})
