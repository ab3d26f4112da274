import type { FullConfig } from '@playwright/test'
import { changedFixtures, fixtureHashes } from '../src/main/testing/originals'

/**
 * Playwright global setup: hashes the input fixtures, and returns the teardown that fails the
 * run if any of them changed (see src/main/testing/originals.ts).
 */
export default function globalSetup(_config: FullConfig): () => void {
  const before = fixtureHashes()
  return () => {
    const changed = changedFixtures(before)
    if (changed.length > 0) {
      throw new Error(
        `The e2e run changed input fixtures (originals must never be written):\n${changed.join('\n')}`
      )
    }
  }
}
