import { describe, expect, it } from 'vitest'
import {
  assumedFmaUnits,
  computePeak,
  flopsPerLane,
  maxCpufreqHz,
  parseCpuInfo,
  vectorWidth
} from './cpu-peak'

/** This machine's /proc/cpuinfo, trimmed: 2 cores, AVX-512 with FMA. */
const XEON = `processor	: 0
vendor_id	: GenuineIntel
model name	: Intel(R) Xeon(R) Processor
cpu MHz		: 2299.998
physical id	: 0
siblings	: 2
core id		: 0
cpu cores	: 2
flags		: fpu sse sse2 ssse3 fma avx avx2 avx512f avx512dq avx512bw

processor	: 1
vendor_id	: GenuineIntel
model name	: Intel(R) Xeon(R) Processor
cpu MHz		: 2299.998
physical id	: 0
siblings	: 2
core id		: 1
cpu cores	: 2
flags		: fpu sse sse2 ssse3 fma avx avx2 avx512f avx512dq avx512bw
`

/** A 4-core desktop with hyper-threading: 8 logical CPUs, 4 distinct core ids. */
const HASWELL_HT = [0, 1, 2, 3, 0, 1, 2, 3]
  .map(
    (core, i) => `processor	: ${i}
model name	: Intel(R) Core(TM) i7-4770 CPU @ 3.40GHz
cpu MHz		: 3400.000
physical id	: 0
core id		: ${core}
flags		: sse2 avx avx2 fma`
  )
  .join('\n\n')

/** An arm64 board: no core ids, "Features" instead of "flags". */
const ARM = `processor	: 0
BogoMIPS	: 48.00
Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32

processor	: 1
BogoMIPS	: 48.00
Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32
`

describe('parseCpuInfo', () => {
  it('reads the model, clock, flags and distinct physical cores', () => {
    const facts = parseCpuInfo(XEON)
    expect(facts.model).toBe('Intel(R) Xeon(R) Processor')
    expect(facts.mhz).toBeCloseTo(2299.998)
    expect(facts.physicalCores).toBe(2)
    expect(facts.flags.has('avx512f')).toBe(true)
  })

  it('counts hyper-threaded siblings once', () => {
    expect(parseCpuInfo(HASWELL_HT).physicalCores).toBe(4)
  })

  it('leaves cores and clock undefined where cpuinfo has none (arm64)', () => {
    const facts = parseCpuInfo(ARM)
    expect(facts.physicalCores).toBeUndefined()
    expect(facts.mhz).toBeUndefined()
    expect(facts.flags.has('asimd')).toBe(true)
  })
})

describe('vector width and FMA', () => {
  it('takes the widest instruction set present', () => {
    expect(vectorWidth(parseCpuInfo(XEON).flags, 'x64')).toEqual({ bits: 512, isa: 'avx512f' })
    expect(vectorWidth(parseCpuInfo(HASWELL_HT).flags, 'x64')).toEqual({ bits: 256, isa: 'avx2' })
    expect(vectorWidth(new Set(['sse2']), 'x64')).toEqual({ bits: 128, isa: 'sse2' })
    expect(vectorWidth(parseCpuInfo(ARM).flags, 'arm64')).toEqual({ bits: 128, isa: 'asimd' })
  })

  it('counts two flops per lane only with fused multiply-add', () => {
    expect(flopsPerLane(new Set(['sse2', 'avx']), 'x64')).toBe(1)
    expect(flopsPerLane(new Set(['avx2', 'fma']), 'x64')).toBe(2)
    expect(flopsPerLane(new Set(['avx512f']), 'x64')).toBe(2)
  })

  it('assumes two FMA units for AVX2 and AVX-512, one otherwise', () => {
    expect(assumedFmaUnits('avx512f')).toBe(2)
    expect(assumedFmaUnits('avx2')).toBe(2)
    expect(assumedFmaUnits('sse2')).toBe(1)
  })
})

describe('computePeak', () => {
  it('gives 294 GFLOP/s for 2 AVX-512 cores at 2.3 GHz', () => {
    const facts = parseCpuInfo(XEON)
    const peak = computePeak({
      model: 'Xeon',
      physicalCores: 2,
      coresSource: 'cpuinfo',
      clockHz: 2.3e9,
      clockSource: 'cpu MHz',
      flags: facts.flags,
      cpuArch: 'x64'
    })
    expect(peak.peakFlops).toBeCloseTo(2 * 2.3e9 * 16 * 2 * 2)
    expect(peak.formula).toBe(
      '2 cores × 2.30 GHz × 16 FP32 lanes (512-bit avx512f) × 2 (FMA) × 2 FMA units = 294 GFLOP/s'
    )
    expect(peak.fmaUnitsSource).toMatch(/^assumed/)
  })

  it('uses --fma-units over the assumption', () => {
    const peak = computePeak({
      model: 'Xeon Silver',
      physicalCores: 2,
      coresSource: 'cpuinfo',
      clockHz: 2.3e9,
      clockSource: 'cpu MHz',
      flags: new Set(['avx512f', 'fma']),
      cpuArch: 'x64',
      fmaUnits: 1
    })
    expect(peak.peakFlops).toBeCloseTo(147.2e9)
    expect(peak.fmaUnitsSource).toBe('--fma-units')
  })
})

describe('maxCpufreqHz', () => {
  it('takes the highest cpuinfo_max_freq, in Hz, ignoring unreadable ones', () => {
    expect(maxCpufreqHz(['3400000\n', '', '3900000\n'])).toBe(3.9e9)
    expect(maxCpufreqHz(['', 'garbage'])).toBeUndefined()
  })
})
