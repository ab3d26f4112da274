import type { HostTensor } from './host-tensor'
import { scalar, sizeOf, tensor } from './host-tensor'
import { OnnxBuilder } from './onnx-builder'
import { upsampledConvAsPhases } from './upsampled-conv'
import type { TfjsModelJson } from './tfjs-artifacts'

export const INPUT_NAME = 'input'
export const OUTPUT_NAME = 'output'

/** A Keras functional-model layer as TF.js's layers format stores it. */
interface KerasLayer {
  readonly class_name: string
  readonly config: Readonly<Record<string, unknown>> & { readonly name: string }
  readonly inbound_nodes: readonly (readonly (readonly [string, number, number, unknown])[])[]
}

interface KerasModelConfig {
  readonly layers: readonly KerasLayer[]
  readonly input_layers: readonly (readonly [string, number, number])[]
  readonly output_layers: readonly (readonly [string, number, number])[]
}

export interface LayersConversionOptions {
  /**
   * The pixel range the weights were trained on. Every Lucid model takes and returns 0..1, so a
   * 0..255 model gets ×255 folded in at the input and ×1/255 at the output.
   */
  readonly sourceRange: readonly [number, number]
  readonly docString?: string
}

export interface LayersConversion {
  readonly model: Uint8Array
  readonly onnxNodes: number
  /** Multiply-accumulates per input pixel (from the conv layers), for the manifest. */
  readonly macsPerInputPixel: number
  readonly parameters: number
}

/** Keras channels-last axis → the same axis in our NCHW internal layout (rank 4). */
const nchwAxis = (axis: number): number => [0, 2, 3, 1][axis < 0 ? axis + 4 : axis] ?? axis

/**
 * Converts a TF.js layers model (a Keras functional model) to ONNX with NHWC input and output
 * and dynamic height and width. Inside, the graph runs NCHW, ONNX's native layout, so the only
 * layout changes are one Transpose at each end.
 *
 * @throws Error for a layer or setting we do not map (never approximated)
 */
export function convertLayersModel(
  json: TfjsModelJson,
  weights: ReadonlyMap<string, HostTensor>,
  options: LayersConversionOptions
): LayersConversion {
  const topology = json.modelTopology as {
    model_config: { class_name: string; config: KerasModelConfig }
  }
  const config = topology.model_config.config
  const b = new OnnxBuilder()
  const values = new Map<string, string>()
  // Spatial scale of each tensor relative to the input, to count MACs per input pixel.
  const scaleOf = new Map<string, number>()
  let macsPerInputPixel = 0
  let parameters = 0

  const [inputLayer] = config.input_layers
  const [outputLayer] = config.output_layers
  if (
    !inputLayer ||
    !outputLayer ||
    config.input_layers.length > 1 ||
    config.output_layers.length > 1
  ) {
    throw new Error('Only single-input, single-output models are supported')
  }

  const weight = (layer: string, name: string): HostTensor => {
    const w = weights.get(`${layer}/${name}`)
    if (!w) throw new Error(`Missing weight ${layer}/${name}`)
    parameters += sizeOf(w.shape)
    return w
  }

  // Nearest upsamplings read by exactly one "same" convolution run as that convolution at the
  // low resolution (upsampled-conv.ts): layer name → the upsampling factor.
  const foldedUpsampling = new Map<string, number>()
  const foldable = foldableUpsamplings(config.layers)

  for (const layer of config.layers) {
    const name = layer.config.name
    const inbound = (layer.inbound_nodes[0] ?? []).map(([source]) => {
      const value = values.get(source)
      if (!value) throw new Error(`${name}: input ${source} not yet converted`)
      return { value, scale: scaleOf.get(source) ?? 1 }
    })
    const first = inbound[0]
    const scale = first?.scale ?? 1
    let out: string
    let outScale = scale

    switch (layer.class_name) {
      case 'InputLayer': {
        b.input({ name: INPUT_NAME, dtype: 'float32', shape: ['batch', 'height', 'width', 3] })
        let x = b.op('Transpose', [INPUT_NAME], { perm: [0, 3, 1, 2] })
        if (options.sourceRange[1] !== 1)
          x = b.op('Mul', [x, b.constant(scalar('float32', options.sourceRange[1]))])
        out = x
        break
      }
      case 'Conv2D': {
        const c = layer.config as unknown as ConvConfig
        checkConv(c)
        const kernel = weight(name, 'kernel')
        const [kh = 0, kw = 0, cin = 0, cout = 0] = kernel.shape
        const bias = c.use_bias ? weight(name, 'bias') : undefined
        const upsampling = foldedUpsampling.get(layer.inbound_nodes[0]?.[0]?.[0] ?? '')
        if (upsampling !== undefined) {
          const phases = upsampledConvAsPhases(hwioToOihw(kernel), bias, upsampling)
          const inputs = [first?.value ?? '', b.constant(phases.kernel, `${name}_W`)]
          if (phases.bias) inputs.push(b.constant(phases.bias, `${name}_B`))
          out = b.op('Conv', inputs, {
            kernel_shape: [3, 3],
            pads: [1, 1, 1, 1],
            strides: [1, 1],
            dilations: [1, 1],
            group: 1
          })
          out = b.op('DepthToSpace', [out], { blocksize: upsampling, mode: 'CRD' })
        } else {
          const inputs = [first?.value ?? '', b.constant(hwioToOihw(kernel), `${name}_W`)]
          if (bias) inputs.push(b.constant(bias, `${name}_B`))
          const pads =
            c.padding === 'same'
              ? [(kh - 1) >> 1, (kw - 1) >> 1, kh - 1 - ((kh - 1) >> 1), kw - 1 - ((kw - 1) >> 1)]
              : [0, 0, 0, 0]
          out = b.op('Conv', inputs, {
            kernel_shape: [kh, kw],
            pads,
            strides: [1, 1],
            dilations: [1, 1],
            group: 1
          })
        }
        out = activation(b, out, c.activation, name)
        macsPerInputPixel += kh * kw * cin * cout * scale * scale
        break
      }
      case 'Activation':
        out = activation(b, first?.value ?? '', String(layer.config.activation), name)
        break
      case 'Concatenate':
        out = b.op(
          'Concat',
          inbound.map((i) => i.value),
          { axis: nchwAxis(Number(layer.config.axis ?? -1)) }
        )
        break
      case 'Add':
        out = inbound.slice(1).reduce((acc, i) => b.op('Add', [acc, i.value]), first?.value ?? '')
        break
      case 'MultiplyBeta':
        out = b.op('Mul', [
          first?.value ?? '',
          b.constant(scalar('float32', Number(layer.config.beta ?? 0.2)))
        ])
        break
      case 'UpSampling2D': {
        const [sh = 1, sw = 1] = layer.config.size as number[]
        if (layer.config.interpolation !== 'nearest')
          throw new Error(`${name}: only nearest upsampling is supported`)
        outScale = scale * sh
        if (foldable.has(name)) {
          // Its one reader, a convolution, runs at the low resolution instead.
          foldedUpsampling.set(name, sh)
          out = first?.value ?? ''
          break
        }
        // Keras nearest upsampling repeats each pixel: asymmetric coordinates, floor.
        out = b.op(
          'Resize',
          [first?.value ?? '', '', b.constant(tensor('float32', [4], [1, 1, sh, sw]))],
          {
            mode: 'nearest',
            coordinate_transformation_mode: 'asymmetric',
            nearest_mode: 'floor'
          }
        )
        break
      }
      default: {
        const shuffle = /^PixelShuffle(\d+)x$/.exec(layer.class_name)
        if (!shuffle) throw new Error(`Unsupported layer ${layer.class_name} (${name})`)
        const block = Number(layer.config.scale ?? shuffle[1])
        // tf.depthToSpace (NHWC) orders channels as (row offset, column offset, channel): in
        // NCHW that is ONNX DepthToSpace's DCR mode.
        out = b.op('DepthToSpace', [first?.value ?? ''], { blocksize: block, mode: 'DCR' })
        outScale = scale * block
      }
    }
    values.set(name, out)
    scaleOf.set(name, outScale)
  }

  let result = values.get(outputLayer[0])
  if (!result) throw new Error(`Output layer ${outputLayer[0]} was not produced`)
  if (options.sourceRange[1] !== 1)
    result = b.op('Mul', [result, b.constant(scalar('float32', 1 / options.sourceRange[1]))])
  b.node('Transpose', [result], { perm: [0, 2, 3, 1] }, { outputs: [OUTPUT_NAME] })
  b.output({ name: OUTPUT_NAME, dtype: 'float32', shape: ['batch', 'out_height', 'out_width', 3] })

  return {
    model: b.build({ opset: 17, producer: 'lucid-converter', docString: options.docString }),
    onnxNodes: b.nodeCount,
    macsPerInputPixel,
    parameters
  }
}

/**
 * The nearest, square upsamplings whose only reader is a stride-1 "same" Conv2D with an odd
 * kernel no wider than the factor allows (upsampledConvAsPhases).
 */
function foldableUpsamplings(layers: readonly KerasLayer[]): Set<string> {
  const readers = new Map<string, KerasLayer[]>()
  for (const layer of layers) {
    for (const [source] of layer.inbound_nodes[0] ?? []) {
      readers.set(source, [...(readers.get(source) ?? []), layer])
    }
  }
  const foldable = new Set<string>()
  for (const layer of layers) {
    if (layer.class_name !== 'UpSampling2D' || layer.config.interpolation !== 'nearest') continue
    const [sh = 1, sw = 1] = layer.config.size as number[]
    const [reader, ...others] = readers.get(layer.config.name) ?? []
    if (sh !== sw || sh < 2 || !reader || others.length > 0) continue
    if (reader.class_name !== 'Conv2D') continue
    const c = reader.config as unknown as ConvConfig
    const [kh = 0, kw = 0] = c.kernel_size
    if (c.padding === 'same' && kh === kw && kh % 2 === 1 && (kh - 1) / 2 <= sh) {
      foldable.add(layer.config.name)
    }
  }
  return foldable
}

interface ConvConfig {
  readonly kernel_size: readonly number[]
  readonly strides: readonly number[]
  readonly padding: 'same' | 'valid'
  readonly dilation_rate: readonly number[]
  readonly groups?: number
  readonly activation: string
  readonly use_bias: boolean
  readonly data_format: string
}

function checkConv(c: ConvConfig): void {
  const ones = (v: readonly number[]): boolean => v.every((x) => x === 1)
  if (c.data_format !== 'channels_last')
    throw new Error(`Conv2D data_format ${c.data_format} is not supported`)
  if (!ones(c.strides) || !ones(c.dilation_rate) || (c.groups ?? 1) !== 1) {
    throw new Error('Only stride-1, undilated, ungrouped Conv2D layers are supported')
  }
  if (c.padding === 'same' && c.kernel_size.some((k) => k % 2 === 0)) {
    throw new Error('Even kernels with same padding are not supported')
  }
}

function activation(b: OnnxBuilder, x: string, kind: string, layer: string): string {
  switch (kind) {
    case 'linear':
      return x
    case 'relu':
      return b.op('Relu', [x])
    case 'sigmoid':
      return b.op('Sigmoid', [x])
    case 'tanh':
      return b.op('Tanh', [x])
    default:
      throw new Error(`${layer}: unsupported activation ${kind}`)
  }
}

/** TF's [kh, kw, in, out] filter as ONNX's [out, in, kh, kw]. */
export function hwioToOihw(kernel: HostTensor): HostTensor {
  const [kh = 0, kw = 0, cin = 0, cout = 0] = kernel.shape
  const src = kernel.data as Float32Array
  const dst = new Float32Array(src.length)
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < cin; i++) {
        for (let o = 0; o < cout; o++) {
          dst[((o * cin + i) * kh + y) * kw + x] = src[((y * kw + x) * cin + i) * cout + o] ?? 0
        }
      }
    }
  }
  return tensor('float32', [cout, cin, kh, kw], dst)
}
