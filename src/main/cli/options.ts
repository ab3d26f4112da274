import { InvalidArgumentError } from 'commander'
import type { DeviceChoice } from '../../shared/domain/restoration'
import { parseDevice } from '../../shared/domain/restoration'

/** Option parsers shared by every command: each turns bad text into commander's usage error. */

export function deviceOption(text: string): DeviceChoice {
  const device = parseDevice(text)
  if (!device) {
    throw new InvalidArgumentError(
      'use auto, cpu, cuda, directml or coreml (optionally :N for a GPU)'
    )
  }
  return device
}

export function strengthOption(text: string): number {
  const value = Number(text)
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new InvalidArgumentError('a strength is a number from 0 to 1')
  }
  return value
}

export function tileOption(text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 32 || value > 2048) {
    throw new InvalidArgumentError('a tile is a whole number of pixels from 32 to 2048')
  }
  return value
}

export function qualityOption(text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw new InvalidArgumentError('an output quality is a whole number from 1 to 100')
  }
  return value
}

/** What every command accepts besides its own arguments. */
export interface CommonOptions {
  readonly device: DeviceChoice
  readonly tile?: number
  readonly json: boolean
  readonly outputQuality: number
  readonly profile: 'original' | 'srgb'
  readonly metadata: boolean
  readonly overwrite: boolean
}
