// A worker entry for the engine tests: the real protocol host and SessionPool around the
// fakeExecute test double. Bundled on the fly by buildTestWorker.
import { SessionPool } from '../../runtime/session-pool'
import { serveJobs, workerConfig } from '../worker-host'
import { fakeExecute } from './fake-execute'

serveJobs(fakeExecute, new SessionPool(workerConfig()))
