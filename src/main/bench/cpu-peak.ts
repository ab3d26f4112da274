import { readdirSync, readFileSync } from 'node:fs'
import { arch, availableParallelism, cpus } from 'node:os'
import { join } from 'node:path'
import { countPhysicalCores } from '../engine/runtime/session-options'

/**
 * The CPU's theoretical FP32 peak, the yardstick for "fraction of peak":
 *   peak FLOP/s = physical cores × clock (Hz) × (vector bits ÷ 32) × 2 (FMA) × FMA units per core
 * Everything but the FMA units is read from the OS; how many FMA pipes a core has is not
 * exposed anywhere portable, so it is an assumption the report states (and --fma-units
 * overrides).
 */
export interface CpuPeak {
  readonly model: string
  readonly physicalCores: number
  readonly coresSource: 'cpuinfo' | 'availableParallelism'
  readonly clockHz: number
  readonly clockSource: 'cpuinfo_max_freq' | 'cpu MHz' | 'os.cpus'
  readonly vectorBits: number
  /** The instruction-set flag the vector width came from (avx512f, avx2, sse2, asimd…). */
  readonly vectorIsa: string
  /** 2 when the core has fused multiply-add (one instruction, two flops per lane). */
  readonly flopsPerLane: 1 | 2
  readonly fmaUnits: number
  /** Why fmaUnits has its value: the assumption, or "--fma-units". */
  readonly fmaUnitsSource: string
  readonly peakFlops: number
  /** The formula with this machine's numbers, for the report. */
  readonly formula: string
}

/** The parts of /proc/cpuinfo the peak needs; missing fields are undefined. */
export interface CpuInfoFacts {
  readonly model?: string
  readonly physicalCores?: number
  readonly mhz?: number
  readonly flags: ReadonlySet<string>
}

/** Reads the model name, physical cores, clock and flags of a /proc/cpuinfo text (x86 or arm64). */
export function parseCpuInfo(text: string): CpuInfoFacts {
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim()
  const mhz = Number(field('cpu MHz'))
  // x86 says "flags", arm64 "Features".
  const flags = new Set((field('flags') ?? field('Features') ?? '').split(/\s+/).filter(Boolean))
  const model = field('model name') ?? field('Hardware') ?? field('CPU part')
  return {
    ...(model === undefined ? {} : { model }),
    ...(Number.isFinite(mhz) && mhz > 0 ? { mhz } : {}),
    ...withCores(countPhysicalCores(text)),
    flags
  }
}

function withCores(cores: number | null): { physicalCores?: number } {
  return cores === null ? {} : { physicalCores: cores }
}

/** Vector register width in bits for FP32 work, and the flag that decided it. */
export function vectorWidth(
  flags: ReadonlySet<string>,
  cpuArch: string
): { bits: number; isa: string } {
  if (flags.has('avx512f')) return { bits: 512, isa: 'avx512f' }
  if (flags.has('avx2')) return { bits: 256, isa: 'avx2' }
  if (flags.has('avx')) return { bits: 256, isa: 'avx' }
  if (flags.has('sse2')) return { bits: 128, isa: 'sse2' }
  if (flags.has('asimd') || cpuArch === 'arm64') return { bits: 128, isa: 'asimd' }
  return { bits: 32, isa: 'scalar' }
}

/** FMA doubles the flops per lane per instruction; AVX-512 implies it on every x86 part. */
export function flopsPerLane(flags: ReadonlySet<string>, cpuArch: string): 1 | 2 {
  // arm64's asimd always has fused multiply-add (FMLA).
  return flags.has('fma') || flags.has('avx512f') || cpuArch === 'arm64' ? 2 : 1
}

/**
 * FMA pipes per core, which no OS interface reports: 2 on AVX-512 server parts and AVX2 cores
 * (Haswell onwards), 1 otherwise. Some AVX-512 parts (low-end Xeon Silver/Bronze) have one
 * 512-bit unit; --fma-units corrects it there.
 */
export function assumedFmaUnits(isa: string): number {
  return isa === 'avx512f' || isa === 'avx2' ? 2 : 1
}

export interface PeakInputs {
  readonly model: string
  readonly physicalCores: number
  readonly coresSource: CpuPeak['coresSource']
  readonly clockHz: number
  readonly clockSource: CpuPeak['clockSource']
  readonly flags: ReadonlySet<string>
  readonly cpuArch: string
  /** Overrides the assumption (see assumedFmaUnits). */
  readonly fmaUnits?: number
}

/** The peak and its formula from detected (or given) facts. */
export function computePeak(inputs: PeakInputs): CpuPeak {
  const { bits, isa } = vectorWidth(inputs.flags, inputs.cpuArch)
  const lane = flopsPerLane(inputs.flags, inputs.cpuArch)
  const fmaUnits = inputs.fmaUnits ?? assumedFmaUnits(isa)
  const fmaUnitsSource =
    inputs.fmaUnits === undefined
      ? `assumed (${isa === 'avx512f' ? 'AVX-512 server part' : isa === 'avx2' ? 'AVX2 core' : 'no wide FMA'}: ${fmaUnits}); override with --fma-units`
      : '--fma-units'
  const lanes = bits / 32
  const peakFlops = inputs.physicalCores * inputs.clockHz * lanes * lane * fmaUnits
  const formula =
    `${inputs.physicalCores} cores × ${(inputs.clockHz / 1e9).toFixed(2)} GHz × ` +
    `${lanes} FP32 lanes (${bits}-bit ${isa}) × ${lane} (${lane === 2 ? 'FMA' : 'no FMA'}) × ` +
    `${fmaUnits} FMA units = ${(peakFlops / 1e9).toFixed(0)} GFLOP/s`
  return {
    model: inputs.model,
    physicalCores: inputs.physicalCores,
    coresSource: inputs.coresSource,
    clockHz: inputs.clockHz,
    clockSource: inputs.clockSource,
    vectorBits: bits,
    vectorIsa: isa,
    flopsPerLane: lane,
    fmaUnits,
    fmaUnitsSource,
    peakFlops,
    formula
  }
}

/** The highest cpuinfo_max_freq (kHz) among the CPUs' cpufreq folders, in Hz; undefined if none. */
export function maxCpufreqHz(readings: readonly string[]): number | undefined {
  const khz = readings.map((text) => Number(text.trim())).filter((n) => Number.isFinite(n) && n > 0)
  return khz.length > 0 ? Math.max(...khz) * 1000 : undefined
}

/** Detects this machine's peak (Linux files first, Node's os module as the fallback). */
export function detectCpuPeak(options: { fmaUnits?: number } = {}): CpuPeak {
  const facts = parseCpuInfo(readOr('/proc/cpuinfo', ''))
  const freqHz = maxCpufreqHz(readCpufreqMax())
  const clock: Pick<PeakInputs, 'clockHz' | 'clockSource'> =
    freqHz !== undefined
      ? { clockHz: freqHz, clockSource: 'cpuinfo_max_freq' }
      : facts.mhz !== undefined
        ? { clockHz: facts.mhz * 1e6, clockSource: 'cpu MHz' }
        : { clockHz: (cpus()[0]?.speed ?? 0) * 1e6, clockSource: 'os.cpus' }
  return computePeak({
    model: facts.model ?? cpus()[0]?.model ?? 'unknown CPU',
    ...(facts.physicalCores === undefined
      ? { physicalCores: availableParallelism(), coresSource: 'availableParallelism' }
      : { physicalCores: facts.physicalCores, coresSource: 'cpuinfo' }),
    ...clock,
    flags: facts.flags,
    cpuArch: arch(),
    ...(options.fmaUnits === undefined ? {} : { fmaUnits: options.fmaUnits })
  })
}

function readCpufreqMax(): string[] {
  const root = '/sys/devices/system/cpu'
  let names: string[]
  try {
    names = readdirSync(root).filter((name) => /^cpu\d+$/.test(name))
  } catch {
    return []
  }
  return names.map((name) => readOr(join(root, name, 'cpufreq', 'cpuinfo_max_freq'), ''))
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return fallback
  }
}
