import { afterAll } from 'vitest'
import { removeTempDirs } from './src/main/testing/images'

// Every test file's temporary folders go when the file is done (vitest's workers are stopped
// without a normal exit, so an exit hook alone would leave them behind).
afterAll(removeTempDirs)
