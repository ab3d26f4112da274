import type { ZoomRequest } from '../state/view-store'
import type { Point, Size, Viewport } from './viewport'
import { actualScale, centred, clampViewport, fit, panBy, zoomAt, zoomTo } from './viewport'

/**
 * The pan and zoom of one photo in one view, as a small observable store: fits when the view
 * first gets a size, keeps fitting on resize until the person zooms or pans, keeps the same part
 * of the scene in view when the photo's size changes (an upscale), and keeps the photo from
 * being lost off-screen. DOM-free so it is unit tested; the viewer feeds it sizes and input.
 */
export class ViewportController {
  private view: Size | null = null
  private image: Size
  private current: Viewport | null = null
  private isFitted = true
  private readonly listeners = new Set<() => void>()
  private readonly devicePixelRatio: () => number

  /** @param devicePixelRatio read at each zoom, so a move to another display is honoured */
  constructor(image: Size, devicePixelRatio: () => number = () => 1) {
    this.image = image
    this.devicePixelRatio = devicePixelRatio
  }

  /** The current viewport; null until the view has a size. Stable between changes. */
  readonly get = (): Viewport | null => this.current

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Whether the photo is fitted (and will refit on resize). */
  get fitted(): boolean {
    return this.isFitted
  }

  get viewSize(): Size | null {
    return this.view
  }

  get imageSize(): Size {
    return this.image
  }

  setViewSize(view: Size): void {
    if (this.view?.width === view.width && this.view.height === view.height) return
    this.view = view
    if (!this.current || this.isFitted) this.fitNow()
    else this.commit(this.current)
  }

  setImageSize(image: Size): void {
    if (image.width === this.image.width && image.height === this.image.height) return
    const ratio = image.width / this.image.width
    this.image = image
    if (!this.current || this.isFitted) this.fitNow()
    else this.commit({ ...this.current, scale: this.current.scale / ratio })
  }

  request(request: ZoomRequest): void {
    const view = this.view
    if (!view) return
    if (request.kind === 'fit' || !this.current) {
      this.fitNow()
      return
    }
    const dpr = this.devicePixelRatio()
    const centre = { x: view.width / 2, y: view.height / 2 }
    if (request.kind === 'actual') {
      const scale = actualScale(dpr)
      const image = this.image
      const fits = image.width * scale <= view.width && image.height * scale <= view.height
      this.move(fits ? centred(scale, image, view) : zoomTo(this.current, centre, scale, dpr))
    } else {
      this.move(zoomAt(this.current, centre, request.factor, dpr))
    }
  }

  zoomAt(anchor: Point, factor: number): void {
    if (this.current) this.move(zoomAt(this.current, anchor, factor, this.devicePixelRatio()))
  }

  panBy(dx: number, dy: number): void {
    if (this.current) this.move(panBy(this.current, dx, dy))
  }

  private fitNow(): void {
    if (!this.view) return
    this.isFitted = true
    this.set(fit(this.image, this.view, this.devicePixelRatio()))
  }

  private move(next: Viewport): void {
    this.isFitted = false
    this.commit(next)
  }

  private commit(next: Viewport): void {
    if (!this.view) return
    this.set(clampViewport(next, this.image, this.view))
  }

  private set(next: Viewport): void {
    const old = this.current
    if (old?.scale === next.scale && old.offsetX === next.offsetX && old.offsetY === next.offsetY) {
      return
    }
    this.current = next
    for (const listener of this.listeners) listener()
  }
}
