import type { EngineFactory } from '../../editor/engine-holder'

/**
 * A restoration engine that returns its input at once, in-process: crash tests need masked
 * (deblur) steps, whose masks are saved beside the history, without models or a worker.
 */
export const echoEngine: EngineFactory = () => ({
  run: (job) =>
    Promise.resolve({ image: job.image, provider: 'cpu', tilesInferred: 0, seconds: 0 }),
  close: () => Promise.resolve()
})
