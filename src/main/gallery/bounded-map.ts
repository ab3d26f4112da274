/**
 * Maps `fn` over `items` with at most `limit` calls in flight, keeping the results in order.
 * Thousands of `stat`s at once would only queue in libuv's four-thread pool and hold as many
 * file descriptors and closures; a bound keeps memory flat while the pool stays busy.
 *
 * @throws the first error `fn` throws (calls already started still finish)
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`Expected positive integer for limit but received ${limit}`)
  }
  const results = new Array<R>(items.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return results
}
