import type { OpTable } from '../context'
import { combineOps } from './combine-ops'
import { fillOps } from './fill-ops'
import { shapeOps } from './shape-ops'

/**
 * The structural ops, which move, assemble or make tensors without arithmetic: shape changes
 * (shape-ops.ts), assembling and selecting (combine-ops.ts), and tensors made from a shape and
 * values (fill-ops.ts). Their shared helpers are in op-helpers.ts.
 */
export const structureOps: OpTable = { ...shapeOps, ...combineOps, ...fillOps }
