// The inference worker's entry (built to out/main/inference-worker.js): runs restoration jobs
// off the main thread, with one SessionPool for the worker's lifetime.
import { executeJob } from '../ops/execute'
import { SessionPool } from '../runtime/session-pool'
import { serveJobs, workerConfig } from './worker-host'

serveJobs(executeJob, new SessionPool(workerConfig()))
