import type { BenchReport, LagStats, UpscalerJsTime } from './bench-report'
import { isMeasured } from './bench-report'
import type { TargetResult } from './targets'
import { speedup } from './targets'

/** The bench report as Markdown: machine and peak, then one table per section, then targets. */
export function reportMarkdown(report: BenchReport, targets: readonly TargetResult[]): string {
  const { machine } = report
  const { cpu } = machine
  const lines = [
    `# Lucid bench${report.quick ? ' (--quick: tiny inputs, one run — a smoke test, not figures)' : ''}`,
    '',
    `${report.startedAt} → ${report.finishedAt} · ${cpu.model} · ${machine.platform}/${machine.arch} · ` +
      `Node ${machine.node} · onnxruntime-node ${machine.onnxruntime} · ` +
      `${machine.totalMemoryGiB.toFixed(0)} GiB RAM · load average at start ${machine.loadAverageAtStart.toFixed(2)}`,
    '',
    `**Peak FP32**: ${cpu.formula} (cores from ${cpu.coresSource}, clock from ${cpu.clockSource}; ` +
      `FMA units ${cpu.fmaUnitsSource}).`,
    '',
    '## Models (CPU, through the worker engine)',
    '',
    "MP/s = the crop's megapixels ÷ best run. GFLOP/s = manifest flops per input pixel × pixels " +
      'fed to the model (tiles × tile area, overlap and padding included) ÷ best run. Session: ' +
      'cold = first session in a fresh process (optimisation "all"); cached = from the saved ' +
      'optimised graph (optimisation "disabled"). Lag = main thread event-loop delay during the ' +
      'timed runs. RSS = peak of the child process that ran the model.',
    '',
    table(
      [
        'model',
        'preset',
        'crop',
        'tiles',
        'best s',
        'median s',
        'MP/s',
        'GFLOP/s',
        '% peak',
        'session cold / cached s',
        'peak RSS MiB',
        'lag p50 / p99 ms'
      ],
      report.models.map((row) =>
        isMeasured(row)
          ? [
              row.modelId,
              row.preset ?? '',
              `${row.input.width}×${row.input.height}`,
              String(row.tiles),
              fixed(row.bestSeconds, 2),
              fixed(row.medianSeconds, 2),
              fixed(row.megapixelsPerSecond, 3),
              fixed(row.gflopsPerSecond, 1),
              fixed(row.fractionOfPeak * 100, 1),
              row.session
                ? `${fixed(row.session.coldSeconds, 2)} / ${fixed(row.session.cachedSeconds, 2)}`
                : 'failed',
              fixed(row.peakRssMiB, 0),
              lag(row.eventLoopLag)
            ]
          : [row.modelId, '', '', '', `failed: ${oneLine(row.error)}`, '', '', '', '', '', '', '']
      )
    ),
    '',
    '## End to end (each in a fresh process)',
    '',
    "Wall = the whole scenario (open, step, close; or the whole batch). Step = the editor's " +
      'apply (job, result cache, history). Job = the inference job inside it, timed in the worker.',
    '',
    table(
      [
        'scenario',
        'wall s',
        'step s',
        'job s',
        'tiles',
        'photos/min',
        'peak RSS MiB',
        'lag p50 / p99 ms',
        'on'
      ],
      report.e2e.map((row) => [
        row.error && Number.isNaN(row.wallSeconds)
          ? `${row.label} — failed: ${oneLine(row.error)}`
          : row.label,
        fixed(row.wallSeconds, 1),
        row.stepSeconds === undefined ? '' : fixed(row.stepSeconds, 1),
        row.jobSeconds === undefined ? '' : fixed(row.jobSeconds, 1),
        row.tiles === undefined ? '' : String(row.tiles),
        row.photosPerMinute === undefined ? '' : fixed(row.photosPerMinute, 1),
        fixed(row.peakRssMiB, 0),
        row.eventLoopLag ? lag(row.eventLoopLag) : '',
        row.detail
      ])
    ),
    '',
    '## UpscalerJS side by side (same crop)',
    '',
    'Ratio = UpscalerJS ÷ Lucid against UpscalerJS\'s faster backend; "≥" where UpscalerJS was ' +
      'stopped at its time limit.',
    '',
    table(
      ['model', 'Lucid s', 'UpscalerJS CPU s', 'UpscalerJS WASM s', 'ratio'],
      report.upscalerjs.map((row) => {
        const s = speedup(row)
        return [
          row.modelId,
          fixed(row.lucidSeconds, 2),
          upscalerTime(row.cpu),
          upscalerTime(row.wasm),
          s === null ? 'n/a' : `${s.lowerBound ? '≥ ' : ''}${s.ratio.toFixed(1)}×`
        ]
      })
    ),
    '',
    '## Targets',
    '',
    table(
      ['target', 'status', 'detail'],
      targets.map((t) => [t.target, t.status, t.detail])
    ),
    ''
  ]
  return lines.join('\n')
}

function upscalerTime(time: UpscalerJsTime | null): string {
  if (!time) return 'skipped'
  if (time.seconds !== null) return fixed(time.seconds, 2)
  if (time.lowerBoundSeconds !== undefined) return `≥ ${fixed(time.lowerBoundSeconds, 1)}`
  return `failed${time.note ? `: ${oneLine(time.note)}` : ''}`
}

function lag(stats: LagStats): string {
  return `${fixed(stats.p50Ms, 0)} / ${fixed(stats.p99Ms, 0)}`
}

/** A Markdown table; pipes inside cells are escaped. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`
  if (rows.length === 0) return '_none_'
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—'
}

function oneLine(text: string): string {
  const first = text.split('\n')[0] ?? ''
  return first.length > 120 ? `${first.slice(0, 117)}…` : first
}
