import type { OpTable } from '../context'
import { convOps } from './conv'
import { einsumOps } from './einsum'
import { elementwiseOps } from './elementwise'
import { reduceOps } from './reduce'
import { stridedSliceOps } from './strided-slice'
import { structureOps } from './structure'

/** Every TF op the graph converter maps, one family per file. */
export const tfOps: OpTable = {
  ...elementwiseOps,
  ...reduceOps,
  ...structureOps,
  ...stridedSliceOps,
  ...convOps,
  ...einsumOps
}
