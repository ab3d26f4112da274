import { describe, expect, it } from 'vitest'
import type { Transferable } from 'node:worker_threads'
import { collectTransferables, postWithTransfer } from './transferables'

describe('collectTransferables', () => {
  it('finds the buffers of typed arrays nested in jobs and outcomes, once each', () => {
    const pixels = new Uint8Array(12)
    const samples = new Uint16Array(6)
    const output = new Float32Array(3)
    const job = { image: { data: pixels }, mask: { data: samples }, again: pixels, list: [output] }
    expect(collectTransferables(job)).toEqual([pixels.buffer, samples.buffer, output.buffer])
  })

  it('leaves buffers shared with other data to be copied', () => {
    const whole = new Uint8Array(64)
    const slice = whole.subarray(8, 16)
    const pooled = Buffer.from('a small buffer from the shared pool')
    expect(pooled.byteLength).toBeLessThan(pooled.buffer.byteLength)
    expect(
      collectTransferables({ slice, pooled, shared: new Int32Array(new SharedArrayBuffer(4)) })
    ).toEqual([])
    expect(collectTransferables({ a: 1, b: 'text', c: null })).toEqual([])
  })
})

describe('postWithTransfer', () => {
  it('copies when the transfer list is refused', () => {
    const posts: (readonly Transferable[] | undefined)[] = []
    const refusing = {
      postMessage: (_: unknown, transfer?: readonly Transferable[]): void => {
        if (transfer) throw new Error('An ArrayBuffer is marked as untransferable')
        posts.push(transfer)
      }
    }
    postWithTransfer(refusing, { data: 1 }, [new ArrayBuffer(8)])
    expect(posts).toEqual([undefined])
  })
})
