import type { Transferable } from 'node:worker_threads'
import * as workerThreads from 'node:worker_threads'

const MAX_DEPTH = 8

/**
 * The ArrayBuffers of the typed arrays inside a job or an outcome (RawImage.data, model
 * outputs), to move them to the other thread instead of copying megabytes of pixels. After the
 * move the sender's arrays are empty.
 *
 * Only buffers a view covers entirely are moved: a view over part of a larger buffer (Node's
 * Buffer pool, a subarray) shares it with other data, which moving would take away too. Those
 * are copied, as are buffers Node marks untransferable.
 */
export function collectTransferables(value: unknown): Transferable[] {
  const found = new Set<ArrayBuffer>()
  const seen = new Set<object>()
  const visit = (item: unknown, depth: number): void => {
    if (typeof item !== 'object' || item === null || depth > MAX_DEPTH || seen.has(item)) return
    seen.add(item)
    if (item instanceof ArrayBuffer) {
      if (movable(item)) found.add(item)
    } else if (ArrayBuffer.isView(item)) {
      const { buffer } = item
      if (
        buffer instanceof ArrayBuffer &&
        item.byteOffset === 0 &&
        item.byteLength === buffer.byteLength &&
        movable(buffer)
      ) {
        found.add(buffer)
      }
    } else if (Array.isArray(item)) {
      for (const element of item) visit(element, depth + 1)
    } else if (Object.getPrototypeOf(item) === Object.prototype) {
      for (const element of Object.values(item)) visit(element, depth + 1)
    }
  }
  visit(value, 0)
  return [...found]
}

/** Anything with MessagePort's postMessage: a Worker, parentPort, a MessagePort. */
export interface MessageTarget {
  postMessage(value: unknown, transferList?: readonly Transferable[]): void
}

/**
 * Posts with a transfer list, falling back to copying when the list is refused. Node 20 copies
 * an untransferable buffer silently; Node 22 (Electron) throws instead, and an external buffer
 * we did not recognise must not lose the message.
 */
export function postWithTransfer(
  target: MessageTarget,
  message: unknown,
  transferList: readonly Transferable[]
): void {
  if (transferList.length === 0) {
    target.postMessage(message)
    return
  }
  try {
    target.postMessage(message, transferList)
  } catch {
    target.postMessage(message)
  }
}

/** isMarkedAsUntransferable exists from Node 21 (typed, but absent in Node 20). */
function movable(buffer: ArrayBuffer): boolean {
  const isMarked = (workerThreads as Partial<typeof workerThreads>).isMarkedAsUntransferable
  return buffer.byteLength > 0 && !(isMarked?.(buffer) ?? false)
}
