// Prints one closing line for the whole `npm test` run, from the unit and e2e JSON reports:
// "Tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const read = (path) => JSON.parse(readFileSync(path, 'utf8'))
const unit = read('reports/unit.json')
const e2e = read('reports/e2e.json')

const passed = unit.numPassedTests + e2e.stats.expected + e2e.stats.flaky
const failed = unit.numFailedTests + e2e.stats.unexpected
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.stats.skipped

console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
