import { LucidError } from '../../../shared/ipc/errors'

/**
 * A cancellation flag both threads see. The worker's thread is blocked inside onnxruntime for a
 * whole tile, so a cancel *message* would wait until the job ended; a shared Int32 is visible
 * at once and is polled between tiles.
 */
export class CancelFlag {
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {}

  private get cell(): Int32Array {
    return new Int32Array(this.buffer, 0, 1)
  }

  cancel(): void {
    Atomics.store(this.cell, 0, 1)
  }

  get cancelled(): boolean {
    return Atomics.load(this.cell, 0) === 1
  }

  /** @throws LucidError CANCELLED once cancelled */
  throwIfCancelled(): void {
    if (this.cancelled) throw new LucidError('CANCELLED', 'The job was cancelled')
  }
}
