import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests. `bridge`: the real renderer in Debian's Chromium against the real
 * main-process handlers over the loopback bridge. `electron`: the packaged-app flow through
 * Playwright's _electron, which skips with one line where no Electron binary is installed.
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-originals.ts',
  outputDir: 'test-results/output',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure'
  },
  projects: [
    { name: 'bridge', testMatch: /.*\.bridge\.spec\.ts/ },
    { name: 'electron', testMatch: /.*\.electron\.spec\.ts/ }
  ]
})
