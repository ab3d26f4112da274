// The process that crash-safety.test.ts kills with SIGKILL: a real core on a data folder,
// exporting or editing in a loop and reporting each finished step on stdout. Bundled on the
// fly by buildTestWorker (Node cannot run the TypeScript sources).
import { writeSync } from 'node:fs'
import type { Mask } from '../../../shared/domain/mask'
import { createCore } from '../../core'
import { ScriptedDialogs } from '../../ipc/scripted-dialogs'
import { caseRandom } from '../fuzz/prng'
import type { ChildConfig, ChildReport } from './child-protocol'
import { echoEngine } from './echo-engine'

/** Synchronous, so a report is in the pipe before the next step starts (and a kill lands). */
function report(message: ChildReport): void {
  writeSync(1, `${JSON.stringify(message)}\n`)
}

const mask: Mask = {
  inverted: false,
  strokes: [
    {
      mode: 'paint',
      size: 9,
      hardness: 0.5,
      opacity: 1,
      points: [
        [10, 10],
        [40, 30]
      ]
    }
  ]
}

async function main(config: ChildConfig): Promise<void> {
  const core = createCore({
    dialogs: new ScriptedDialogs(),
    importsDir: config.importsDir,
    dataDir: config.dataDir,
    engineFactory: echoEngine
  })
  const opened = await core.store.open(config.photo)
  const id = opened.id
  const ids = opened.steps.map((step) => step.id)
  report({ type: 'ready', t: Date.now(), ids, cursor: opened.cursor })
  if (config.mode === 'export') {
    for (let i = 0; config.exports === undefined || i < config.exports; i++) {
      const target = config.targets[i % config.targets.length]?.replace('{i}', String(i)) ?? ''
      report({ type: 'exporting', target, t: Date.now() })
      await core.store.export(id, { target, options: config.options })
      report({ type: 'exported', target, t: Date.now() })
    }
    await core.close()
    return
  }
  const random = caseRandom(config.seed, 0)
  for (;;) {
    const state = core.store.state(id)
    const roll = random.next()
    // Long histories are cut back (a jump, then a new step drops the redo branch).
    if (state.cursor > 0 && (roll < 0.15 || state.cursor >= 24)) {
      report({ type: 'next', action: 'undo', cursor: state.cursor - 1 })
      await core.store.undo(id)
    } else if (state.cursor < state.steps.length && roll < 0.25) {
      report({ type: 'next', action: 'redo', cursor: state.cursor + 1 })
      await core.store.redo(id)
    } else if (state.steps.length > 1 && roll < 0.35) {
      const cursor = random.int(0, state.steps.length)
      report({ type: 'next', action: 'jump', cursor })
      await core.store.jumpTo(id, cursor)
    } else {
      report({ type: 'next', action: 'apply', cursor: state.cursor + 1 })
      if (roll < 0.5)
        await core.store.apply(id, { op: 'deblur', strength: 1, quality: 'balanced' }, mask)
      else {
        const lowerPercentile = random.int(0, 10)
        await core.store.apply(
          id,
          { op: 'autoLevels', lowerPercentile, upperPercentile: 99 },
          undefined
        )
      }
    }
    const after = core.store.state(id)
    report({
      type: 'state',
      t: Date.now(),
      ids: after.steps.map((s) => s.id),
      cursor: after.cursor
    })
  }
}

main(JSON.parse(process.argv[2] ?? '{}') as ChildConfig).catch((error: unknown) => {
  process.stderr.write(`crash child: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
