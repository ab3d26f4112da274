import type { OpTable } from '../context'

export const einsumOps: OpTable = {}
