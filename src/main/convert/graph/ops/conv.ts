import type { OpTable } from '../context'

export const convOps: OpTable = {}
