import { SingleBar } from 'cli-progress'
import type { JobProgress } from '../../shared/domain/restoration'

/**
 * How the CLI tells people (or scripts) what is happening: a progress bar on a terminal, one
 * JSON object per line with --json, nothing else on stdout otherwise. Errors go to stderr as one
 * line in text mode, and as a JSON line on stdout in JSON mode.
 */
export interface Reporter {
  start(label: string): void
  progress(progress: JobProgress): void
  done(result: Record<string, unknown>): void
  fail(code: string, message: string, extra?: Record<string, unknown>): void
  note(message: string): void
}

export function createReporter(options: { json: boolean; tty: boolean }): Reporter {
  return options.json ? jsonReporter() : textReporter(options.tty)
}

function jsonReporter(): Reporter {
  const line = (value: Record<string, unknown>): void => {
    process.stdout.write(`${JSON.stringify(value)}\n`)
  }
  return {
    start: (label) => line({ type: 'start', label }),
    progress: (p) => line({ type: 'progress', ...p }),
    done: (result) => line({ type: 'result', ...result }),
    fail: (code, message, extra) => line({ type: 'error', code, message, ...extra }),
    note: (message) => line({ type: 'note', message })
  }
}

function textReporter(tty: boolean): Reporter {
  let bar: SingleBar | null = null
  const stop = (): void => {
    bar?.stop()
    bar = null
  }
  return {
    start: (label) => {
      if (!tty) return
      bar = new SingleBar({
        format: `${label} [{bar}] {percentage}% | {tiles} | {stage} | ETA {eta_text}`,
        hideCursor: true,
        clearOnComplete: true,
        stream: process.stderr
      })
      bar.start(100, 0, { tiles: '', stage: 'Starting', eta_text: '…' })
    },
    progress: (p) => {
      bar?.update(Math.round(p.fraction * 100), {
        tiles: `${p.tilesDone}/${p.tilesTotal} tiles`,
        stage: p.stage,
        eta_text: p.etaSeconds === null ? '…' : `${Math.ceil(p.etaSeconds)} s`
      })
    },
    done: (result) => {
      stop()
      const summary = typeof result.summary === 'string' ? result.summary : JSON.stringify(result)
      process.stdout.write(`${summary}\n`)
    },
    fail: (_code, message) => {
      stop()
      process.stderr.write(`lucid: ${message}\n`)
    },
    note: (message) => {
      stop()
      process.stderr.write(`lucid: ${message}\n`)
    }
  }
}
