import type { Random } from './prng'
import { caseRandom } from './prng'
import type { Size } from './lying-headers'
import { withFixedPngCrcs, withLyingSize } from './lying-headers'

/** A valid image a case starts from. */
export interface SeedImage {
  /** File name, with the extension the app would see (e.g. `progressive.jpg`). */
  readonly name: string
  readonly bytes: Buffer
}

/** A damaged image and how it was damaged, so a report can say what a failing case was. */
export interface Mutation {
  readonly bytes: Buffer
  readonly detail: string
}

type Mutator = (bytes: Buffer, random: Random) => Mutation

/**
 * Sizes a lying header claims: past the pixel limit on both axes, on one axis only, just under
 * the limit (so the decoder gets as far as reading the too-short pixel data), and none at all.
 */
const lyingSizes: readonly Size[] = [
  { width: 65_535, height: 65_535 },
  { width: 100_000, height: 100_000 },
  { width: 2 ** 31 - 1, height: 1 },
  { width: 1, height: 2 ** 31 - 1 },
  { width: 16_383, height: 16_383 },
  { width: 14_000, height: 14_000 },
  { width: 0, height: 0 }
]

/** Half the positions fall in the first 512 bytes, where the headers a decoder trusts are. */
function position(bytes: Buffer, random: Random): number {
  const end = random.next() < 0.5 ? Math.min(bytes.length, 512) : bytes.length
  return random.int(0, Math.max(0, end - 1))
}

function bitFlips(bytes: Buffer, random: Random): Mutation {
  const out = Buffer.from(bytes)
  const count = random.int(1, 16)
  for (let i = 0; i < count; i++) {
    const at = position(out, random)
    out[at] = (out[at] ?? 0) ^ (1 << random.int(0, 7))
  }
  return { bytes: out, detail: `${count} bit flips` }
}

function byteRuns(bytes: Buffer, random: Random): Mutation {
  const out = Buffer.from(bytes)
  const at = position(out, random)
  const length = random.int(1, 64)
  const value = random.pick([0x00, 0xff, random.int(0, 255)])
  out.fill(value, at, Math.min(out.length, at + length))
  return { bytes: out, detail: `${length} bytes at ${at} set to 0x${value.toString(16)}` }
}

function truncate(bytes: Buffer, random: Random): Mutation {
  const length = random.int(0, bytes.length - 1)
  return { bytes: bytes.subarray(0, length), detail: `truncated to ${length} of ${bytes.length}` }
}

function duplicateChunk(bytes: Buffer, random: Random): Mutation {
  const from = position(bytes, random)
  const length = random.int(1, Math.min(1024, bytes.length - from))
  const to = position(bytes, random)
  const chunk = bytes.subarray(from, from + length)
  return {
    bytes: Buffer.concat([bytes.subarray(0, to), chunk, bytes.subarray(to)]),
    detail: `${length} bytes from ${from} copied to ${to}`
  }
}

function removeChunk(bytes: Buffer, random: Random): Mutation {
  const from = position(bytes, random)
  const length = random.int(1, Math.min(1024, bytes.length - from))
  return {
    bytes: Buffer.concat([bytes.subarray(0, from), bytes.subarray(from + length)]),
    detail: `${length} bytes at ${from} removed`
  }
}

function lyingHeader(bytes: Buffer, random: Random): Mutation {
  const size = random.pick(lyingSizes)
  const lied = withLyingSize(bytes, size, (count) => random.int(0, count - 1))
  if (!lied) throw new Error('lyingHeader: the seed has no size field this fuzzer knows')
  return { bytes: lied, detail: `header claims ${size.width}×${size.height}` }
}

/** Flips as bitFlips, then re-signs PNG chunks so the damage gets past libpng's CRC check. */
function checksummedFlips(bytes: Buffer, random: Random): Mutation {
  const flipped = bitFlips(bytes, random)
  return { bytes: withFixedPngCrcs(flipped.bytes), detail: `${flipped.detail}, CRCs fixed` }
}

/** Two or three of the others in a row. */
function stacked(bytes: Buffer, random: Random): Mutation {
  const steps = random.int(2, 3)
  let current: Mutation = { bytes, detail: '' }
  const details: string[] = []
  for (let i = 0; i < steps; i++) {
    const name = random.pick(singleMutators)
    if (current.bytes.length === 0) break
    current = mutators[name](current.bytes, random)
    details.push(`${name}: ${current.detail}`)
  }
  return { bytes: current.bytes, detail: details.join('; ') }
}

const mutators = {
  bitFlips,
  byteRuns,
  truncate,
  duplicateChunk,
  removeChunk,
  lyingHeader,
  checksummedFlips,
  stacked
} as const satisfies Record<string, Mutator>

export type MutatorName = keyof typeof mutators

export const mutatorNames = Object.keys(mutators) as MutatorName[]

/** The mutators `stacked` chains (lying headers are left out: after damage, a field may be gone). */
const singleMutators = mutatorNames.filter((name) => name !== 'stacked' && name !== 'lyingHeader')

export interface FuzzCase {
  readonly index: number
  readonly seed: string
  readonly mutator: MutatorName
  readonly detail: string
  readonly bytes: Buffer
}

/**
 * Case `index` of a run: the seed image and the mutator go round-robin (seeds first), so any
 * `seeds.length × mutatorNames.length` consecutive cases try every mutator on every seed; the
 * damage itself is drawn from the case's random source. Deterministic in (runSeed, index).
 */
export function planCase(seeds: readonly SeedImage[], runSeed: number, index: number): FuzzCase {
  const seed = seeds[index % seeds.length]
  if (!seed) throw new Error('planCase needs at least one seed image')
  const mutator = mutatorNames[Math.floor(index / seeds.length) % mutatorNames.length] ?? 'bitFlips'
  const mutation = mutators[mutator](seed.bytes, caseRandom(runSeed, index))
  return { index, seed: seed.name, mutator, detail: mutation.detail, bytes: mutation.bytes }
}
