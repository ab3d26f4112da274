import { describe, expect, it } from 'vitest'
import { CancelFlag } from './cancel-flag'

describe('CancelFlag', () => {
  it('is seen through another flag over the same shared memory, as the worker sees it', () => {
    const main = new CancelFlag()
    const worker = new CancelFlag(main.buffer)
    expect(() => worker.throwIfCancelled()).not.toThrow()
    main.cancel()
    expect(worker.cancelled).toBe(true)
    expect(() => worker.throwIfCancelled()).toThrow(
      expect.objectContaining({ code: 'CANCELLED' }) as Error
    )
  })
})
