import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'build/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    globalSetup: ['./vitest.global-originals.ts'],
    // sharp work on 2 cores: keep files in parallel but give image tests room.
    testTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'reports/unit.json' }]]
  }
})
