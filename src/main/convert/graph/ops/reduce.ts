import type { OpTable } from '../context'

export const reduceOps: OpTable = {}
