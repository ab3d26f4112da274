import { writeFileSync } from 'node:fs'
import type { ChildResult, ChildTask } from './child-task'
import { RESULT_ENV, TASK_ENV } from './child-task'
import { measureModel } from './model-throughput'
import { runScenario } from './scenario-runner'
import { measureSessions } from './session-timing'

/**
 * The bench's child process (out/tools/bench-child.cjs): runs the one task in its environment
 * and writes the result with this process's peak resident memory, read at the very end so it
 * covers the worker thread and every native allocation (onnxruntime, sharp) of the task.
 */
async function main(): Promise<void> {
  const resultPath = process.env[RESULT_ENV]
  const taskText = process.env[TASK_ENV]
  if (!resultPath || !taskText) throw new Error(`Run by run-bench: ${TASK_ENV} is not set`)
  const task = JSON.parse(taskText) as ChildTask
  let result: ChildResult<unknown>
  try {
    const value = await run(task)
    result = { ok: true, value, maxRssKiB: process.resourceUsage().maxRSS }
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
    result = { ok: false, error: text, maxRssKiB: process.resourceUsage().maxRSS }
  }
  writeFileSync(resultPath, JSON.stringify(result))
}

function run(task: ChildTask): Promise<unknown> {
  switch (task.kind) {
    case 'model':
      return measureModel(task)
    case 'sessions':
      return measureSessions(task)
    case 'scenario':
      return runScenario(task.scenario)
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(2)
  }
)
