import { useEffect, useState } from 'react'
import type { CompareMode } from '../state/view-store'
import { useView } from '../state/view-store'
import { brushSizeForKey } from './brush-keys'

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  )
}

/**
 * The viewer's own keys: space held pans with any tool, `[` and `]` resize the brush, and `\`
 * held shows the original (compare 'hold') until released. Returns whether space is held.
 */
export function useViewerKeys(): boolean {
  const [space, setSpace] = useState(false)
  useEffect(() => {
    let restore: CompareMode | null = null
    const release = (): void => {
      setSpace(false)
      if (restore !== null) {
        if (useView.getState().compare === 'hold') useView.getState().setCompare(restore)
        restore = null
      }
    }
    const onDown = (event: KeyboardEvent): void => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return
      const view = useView.getState()
      if (event.code === 'Space') {
        // A focused button keeps Space for itself (keyboard users press buttons with it).
        if (event.target instanceof HTMLButtonElement) return
        event.preventDefault()
        setSpace(true)
        return
      }
      if (event.key === '\\') {
        event.preventDefault()
        if (!event.repeat && restore === null && view.compare !== 'hold') {
          restore = view.compare
          view.setCompare('hold')
        }
        return
      }
      const size = brushSizeForKey(event.key, view.brush.size)
      if (size !== null) {
        event.preventDefault()
        view.setBrush({ size })
      }
    }
    const onUp = (event: KeyboardEvent): void => {
      if (event.code === 'Space') setSpace(false)
      if (event.key === '\\' && restore !== null) {
        if (useView.getState().compare === 'hold') useView.getState().setCompare(restore)
        restore = null
      }
    }
    window.addEventListener('keydown', onDown)
    window.addEventListener('keyup', onUp)
    window.addEventListener('blur', release)
    return () => {
      window.removeEventListener('keydown', onDown)
      window.removeEventListener('keyup', onUp)
      window.removeEventListener('blur', release)
    }
  }, [])
  return space
}
