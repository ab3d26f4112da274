import { describe, expect, it } from 'vitest'
import type { DeviceChoice } from '../../shared/domain/restoration'
import type { JobOutcome, RestorationJob } from '../engine/ops/job'
import type { ClosableRunner } from './engine-holder'
import { EngineHolder } from './engine-holder'

function fakeFactory(): {
  made: { device: DeviceChoice; closed: boolean; finish: () => void }[]
  factory: (device: DeviceChoice) => ClosableRunner
} {
  const made: { device: DeviceChoice; closed: boolean; finish: () => void }[] = []
  const factory = (device: DeviceChoice): ClosableRunner => {
    const record = { device, closed: false, finish: (): void => undefined }
    made.push(record)
    return {
      run: (job: RestorationJob) =>
        new Promise<JobOutcome>((resolve) => {
          record.finish = () =>
            resolve({ image: job.image, provider: 'cpu', tilesInferred: 0, seconds: 0 })
        }),
      close: () => {
        record.closed = true
        return Promise.resolve()
      }
    }
  }
  return { made, factory }
}

const job: RestorationJob = {
  operation: { op: 'deblur', strength: 1, quality: 'balanced' },
  image: { data: new Uint8Array(3), width: 1, height: 1, channels: 3, bitDepth: 8 }
}

describe('EngineHolder', () => {
  it('starts an engine on the first job and a new one for the next job after a device change', async () => {
    const { made, factory } = fakeFactory()
    const holder = new EngineHolder(factory, { kind: 'auto' })
    const first = holder.run(job, {})
    expect(made).toHaveLength(1)
    holder.setDevice({ kind: 'cpu' })
    expect(made[0]?.closed).toBe(false) // its job is still running
    const second = holder.run(job, {})
    expect(made[1]?.device).toEqual({ kind: 'cpu' })
    made[0]?.finish()
    await first
    expect(made[0]?.closed).toBe(true)
    made[1]?.finish()
    await second
    holder.setDevice({ kind: 'cpu' })
    expect(made[1]?.closed).toBe(false)
    await holder.close()
    expect(made[1]?.closed).toBe(true)
  })
})
