import type { ChildReport } from './child-protocol'

/** A history as steps (by id) and a cursor: what the child reported, or what reloaded. */
export interface HistoryShape {
  readonly ids: readonly string[]
  readonly cursor: number
}

export interface ReloadVerdict {
  /** Empty when the reloaded history is one the child had, recent enough. */
  readonly problems: readonly string[]
  /** How long before the kill the matched state was reported (0: the edit in flight). */
  readonly lostMs: number
}

/**
 * Checks a history reloaded after a kill against the child's reports: it must be one of the
 * states the child reported (or the one its announced next edit would make), and no older
 * than the last state reported `maxLossMs` before the kill, i.e. at most the last second of
 * edits is lost. A missing history (null) counts as the empty one.
 *
 * @param killedAt Date.now() just before SIGKILL was sent
 */
export function checkReload(
  reloaded: HistoryShape | null,
  reports: readonly ChildReport[],
  killedAt: number,
  maxLossMs = 1000
): ReloadVerdict {
  const saved = reloaded ?? { ids: [], cursor: 0 }
  const problems: string[] = []
  if (saved.cursor > saved.ids.length) problems.push(`cursor ${saved.cursor} past the last step`)
  const ready = reports.find(
    (r): r is Extract<ChildReport, { type: 'ready' }> => r.type === 'ready'
  )
  const states: { shape: HistoryShape; t: number }[] = [
    {
      shape: { ids: ready?.ids ?? [], cursor: ready?.cursor ?? 0 },
      t: ready?.t ?? 0
    }
  ]
  for (const report of reports) {
    if (report.type === 'state') states.push({ shape: report, t: report.t })
  }
  let required = 0
  states.forEach((state, i) => {
    if (state.t <= killedAt - maxLossMs) required = i
  })
  for (let i = states.length - 1; i >= required; i--) {
    const state = states[i]
    if (state && same(state.shape, saved)) {
      return { problems, lostMs: i === states.length - 1 ? 0 : killedAt - (states[i + 1]?.t ?? 0) }
    }
  }
  const last = states[states.length - 1]?.shape
  const next = reports[reports.length - 1]
  if (last && next?.type === 'next' && isSuccessor(last, next, saved))
    return { problems, lostMs: 0 }
  const older = states.findIndex((state) => same(state.shape, saved))
  problems.push(
    older >= 0
      ? `reloaded state ${older} of ${states.length}, but state ${required} was reported ` +
          `${maxLossMs} ms before the kill`
      : `reloaded a history the child never had (${saved.ids.length} steps, cursor ${saved.cursor})`
  )
  return { problems, lostMs: Infinity }
}

function same(a: HistoryShape, b: HistoryShape): boolean {
  return (
    a.cursor === b.cursor &&
    a.ids.length === b.ids.length &&
    a.ids.every((id, i) => id === b.ids[i])
  )
}

/** Whether `saved` is what the announced edit makes of `last` (saved before it was reported). */
function isSuccessor(
  last: HistoryShape,
  next: Extract<ChildReport, { type: 'next' }>,
  saved: HistoryShape
): boolean {
  if (saved.cursor !== next.cursor) return false
  if (next.action !== 'apply') return same({ ids: last.ids, cursor: next.cursor }, saved)
  const kept = last.ids.slice(0, last.cursor)
  return saved.ids.length === kept.length + 1 && kept.every((id, i) => saved.ids[i] === id)
}
