import { broadcastIndex, broadcastShapes } from '../broadcast'
import type { OpConverter, OpTable } from '../context'
import type { DType, HostTensor } from '../../host-tensor'
import { emptyData, sizeOf } from '../../host-tensor'
import { dtypeOf, dynamic, shapeOf } from '../value'

/**
 * A broadcasting binary op: `compute` folds constants element by element, `onnxOp` is emitted
 * otherwise. `outDtype` defaults to the inputs' dtype (comparisons return bool).
 */
export function binaryOp(
  onnxOp: string,
  compute: (a: number, b: number, dtype: DType) => number,
  outDtype?: DType
): OpConverter {
  return {
    fold: ([a, b]) => {
      if (!a || !b) throw new Error(`${onnxOp} needs two inputs`)
      const shape = broadcastShapes(a.shape, b.shape) as number[]
      const dtype = outDtype ?? a.dtype
      const size = sizeOf(shape)
      const ia = broadcastIndex(shape, a.shape)
      const ib = broadcastIndex(shape, b.shape)
      const out = emptyData(dtype, size)
      const av = a.data as ArrayLike<number>
      const bv = b.data as ArrayLike<number>
      for (let i = 0; i < size; i++) {
        ;(out as Float32Array)[i] = compute(av[ia[i] ?? 0] ?? 0, bv[ib[i] ?? 0] ?? 0, a.dtype)
      }
      return [{ dtype, shape, data: out } satisfies HostTensor]
    },
    emit: ([a, b], node, ctx) => {
      if (!a || !b) throw new Error(`${node.name}: ${node.op} needs two inputs`)
      const name = ctx.builder.op(onnxOp, [ctx.name(a), ctx.name(b)])
      return [dynamic(name, outDtype ?? dtypeOf(a), broadcastShapes(shapeOf(a), shapeOf(b)))]
    }
  }
}

export const elementwiseOps: OpTable = {
  AddV2: binaryOp('Add', (a, b) => a + b),
  Mul: binaryOp('Mul', (a, b) => a * b)
}
