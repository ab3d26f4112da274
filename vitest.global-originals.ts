import { changedFixtures, fixtureHashes } from './src/main/testing/originals'

/**
 * Vitest global setup: hashes the input fixtures before the unit tests, and fails the run if any
 * changed after them (originals must never be written).
 */
export default function setup(): () => void {
  const before = fixtureHashes()
  return () => {
    const changed = changedFixtures(before)
    if (changed.length > 0) {
      throw new Error(`The unit tests changed input fixtures:\n${changed.join('\n')}`)
    }
  }
}
