import type { OpTable } from '../context'

export const structureOps: OpTable = {}
