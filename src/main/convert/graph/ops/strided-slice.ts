import type { OpTable } from '../context'

export const stridedSliceOps: OpTable = {}
