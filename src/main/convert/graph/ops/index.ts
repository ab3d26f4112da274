import type { OpTable } from '../context'
import { elementwiseOps } from './elementwise'

/** Every TF op the graph converter maps, one family per file. */
export const tfOps: OpTable = {
  ...elementwiseOps
}
