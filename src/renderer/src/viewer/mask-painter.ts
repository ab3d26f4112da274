import type { Mask, Stroke } from '../../../shared/domain/mask'
import type { Size } from './viewport'
import type { StrokeStyle } from './stroke-recorder'
import { DabWalker, dabSpacing } from './dab-walker'
import type { Point } from './viewport'

/** The overlay's colour; its strength comes from the canvas element's CSS opacity. */
export const MASK_COLOUR = 'rgb(255, 40, 40)'

interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

interface Live {
  readonly style: StrokeStyle
  readonly walker: DabWalker
  readonly sprite: HTMLCanvasElement
  box: Box | null
  dirty: Box | null
}

function grow(box: Box | null, add: Box): Box {
  if (!box) return { ...add }
  return {
    x0: Math.min(box.x0, add.x0),
    y0: Math.min(box.y0, add.y0),
    x1: Math.max(box.x1, add.x1),
    y1: Math.max(box.y1, add.y1)
  }
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('A 2D canvas is not available')
  return ctx
}

/** A dab image: solid to `hardness` of the radius, then a falloff to nothing at the rim. */
function makeSprite(radius: number, hardness: number): HTMLCanvasElement {
  const size = Math.max(1, Math.ceil(radius * 2) + 2)
  const sprite = document.createElement('canvas')
  sprite.width = size
  sprite.height = size
  const ctx = context(sprite)
  const c = size / 2
  if (hardness >= 1) {
    ctx.fillStyle = MASK_COLOUR
  } else {
    const gradient = ctx.createRadialGradient(c, c, 0, c, c, radius)
    gradient.addColorStop(0, MASK_COLOUR)
    gradient.addColorStop(Math.min(0.999, hardness), MASK_COLOUR)
    gradient.addColorStop(1, 'rgba(255, 40, 40, 0)')
    ctx.fillStyle = gradient
  }
  ctx.beginPath()
  ctx.arc(c, c, radius, 0, Math.PI * 2)
  ctx.fill()
  return sprite
}

/**
 * Draws the brush mask at preview resolution, incrementally. `base` holds the committed
 * strokes exactly as shown (already inverted when the mask is), `scratch` the stroke being
 * painted at full strength; the on-screen canvas is base with scratch composited at the
 * stroke's opacity, refreshed only where new dabs landed. A full redraw happens only when the
 * photo, its size, or the inversion changes, or strokes are removed (clear, undo).
 */
export class MaskPainter {
  private readonly display: HTMLCanvasElement
  private readonly base = document.createElement('canvas')
  private readonly scratch = document.createElement('canvas')
  /** Canvas pixels per image pixel. */
  private ratio = 1
  private inverted = false
  private drawn: readonly Stroke[] = []
  private live: Live | null = null

  constructor(display: HTMLCanvasElement) {
    this.display = display
  }

  /** Sizes the canvases for a photo and redraws `mask` on them. */
  reset(canvasSize: Size, image: Size, mask: Mask): void {
    for (const canvas of [this.display, this.base, this.scratch]) {
      canvas.width = canvasSize.width
      canvas.height = canvasSize.height
    }
    this.ratio = canvasSize.width / image.width
    this.live = null
    this.redraw(mask)
  }

  /** Brings the overlay up to date with the store: only new strokes when it can. */
  sync(mask: Mask): void {
    const drawn = this.drawn
    const extends_ =
      mask.inverted === this.inverted &&
      mask.strokes.length >= drawn.length &&
      drawn.every((s, i) => mask.strokes[i] === s)
    if (!extends_) {
      this.redraw(mask)
      return
    }
    const added = mask.strokes.slice(drawn.length)
    if (added.length === 0) return
    let box: Box | null = null
    for (const stroke of added) box = grow(box, this.drawStroke(stroke))
    this.drawn = mask.strokes
    if (box) this.copyToDisplay(box)
  }

  /** Starts showing a stroke being painted; `first` in image pixels. */
  beginLive(style: StrokeStyle, first: Point): void {
    this.live = this.startStroke(style)
    this.addDabs(this.live, first)
  }

  /** Adds a point (image pixels) to the live stroke; the screen updates on flushLive. */
  extendLive(p: Point): void {
    if (this.live) this.addDabs(this.live, p)
  }

  /** Shows what extendLive drew since the last frame. Call once per animation frame. */
  flushLive(): void {
    const live = this.live
    if (!live?.dirty) return
    const box = this.clip(live.dirty)
    live.dirty = null
    if (!box) return
    this.copyToDisplay(box)
    this.composite(context(this.display), live.style, box)
  }

  /**
   * Ends the live stroke, committing it as `stroke` (the object about to be added to the
   * store, so the following sync knows it is drawn); null drops it.
   */
  endLive(stroke: Stroke | null): void {
    const live = this.live
    this.live = null
    if (!live?.box) return
    const box = this.clip(live.box)
    if (box && stroke) this.composite(context(this.base), live.style, box)
    context(this.scratch).clearRect(0, 0, this.scratch.width, this.scratch.height)
    if (box) this.copyToDisplay(box)
    if (stroke) this.drawn = [...this.drawn, stroke]
  }

  private redraw(mask: Mask): void {
    this.inverted = mask.inverted
    const ctx = context(this.base)
    ctx.clearRect(0, 0, this.base.width, this.base.height)
    if (mask.inverted) {
      ctx.fillStyle = MASK_COLOUR
      ctx.fillRect(0, 0, this.base.width, this.base.height)
    }
    for (const stroke of mask.strokes) this.drawStroke(stroke)
    this.drawn = mask.strokes
    this.copyToDisplay({ x0: 0, y0: 0, x1: this.base.width, y1: this.base.height })
  }

  private startStroke(style: StrokeStyle): Live {
    const radius = Math.max(0.5, (style.size / 2) * this.ratio)
    return {
      style,
      walker: new DabWalker(dabSpacing(radius)),
      sprite: makeSprite(radius, style.hardness),
      box: null,
      dirty: null
    }
  }

  /** Stamps the dabs that reaching `p` (image pixels) adds into scratch. */
  private addDabs(live: Live, p: Point): void {
    const ctx = context(this.scratch)
    const half = live.sprite.width / 2
    for (const dab of live.walker.add({ x: p.x * this.ratio, y: p.y * this.ratio })) {
      ctx.drawImage(live.sprite, dab.x - half, dab.y - half)
      const box = { x0: dab.x - half, y0: dab.y - half, x1: dab.x + half, y1: dab.y + half }
      live.box = grow(live.box, box)
      live.dirty = grow(live.dirty, box)
    }
  }

  /**
   * Draws a whole stroke into base; returns the box it touched. Uses scratch, so a live
   * stroke's dabs are redrawn afterwards (rare: the store changed mid-gesture).
   */
  private drawStroke(stroke: Stroke): Box {
    const live = this.startStroke(stroke)
    for (const [x, y] of stroke.points) this.addDabs(live, { x, y })
    const box = live.box ?? { x0: 0, y0: 0, x1: 0, y1: 0 }
    const clipped = this.clip(box)
    if (clipped) {
      this.composite(context(this.base), stroke, clipped)
      context(this.scratch).clearRect(
        clipped.x0,
        clipped.y0,
        clipped.x1 - clipped.x0,
        clipped.y1 - clipped.y0
      )
    }
    return box
  }

  /** Paints scratch onto `ctx` within `box` the way the stroke changes the shown mask. */
  private composite(ctx: CanvasRenderingContext2D, style: StrokeStyle, box: Box): void {
    // Inverted, the canvas shows 1 − coverage: painting then removes colour, erasing adds it.
    const adds = (style.mode === 'paint') !== this.inverted
    ctx.save()
    ctx.globalAlpha = style.opacity
    ctx.globalCompositeOperation = adds ? 'source-over' : 'destination-out'
    const { x0, y0, x1, y1 } = box
    ctx.drawImage(this.scratch, x0, y0, x1 - x0, y1 - y0, x0, y0, x1 - x0, y1 - y0)
    ctx.restore()
  }

  private copyToDisplay(box: Box): void {
    const clipped = this.clip(box)
    if (!clipped) return
    const { x0, y0, x1, y1 } = clipped
    const ctx = context(this.display)
    ctx.clearRect(x0, y0, x1 - x0, y1 - y0)
    ctx.drawImage(this.base, x0, y0, x1 - x0, y1 - y0, x0, y0, x1 - x0, y1 - y0)
  }

  /** A box rounded out to whole pixels and clipped to the canvas; null when empty. */
  private clip(box: Box): Box | null {
    const x0 = Math.max(0, Math.floor(box.x0))
    const y0 = Math.max(0, Math.floor(box.y0))
    const x1 = Math.min(this.base.width, Math.ceil(box.x1))
    const y1 = Math.min(this.base.height, Math.ceil(box.y1))
    return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null
  }
}
