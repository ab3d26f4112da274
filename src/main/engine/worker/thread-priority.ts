import { constants, getPriority, setPriority } from 'node:os'

/**
 * Lowers the calling thread's scheduling priority, on Linux only, where a nice value belongs to
 * one thread and threads inherit it: called in the inference worker before any session exists,
 * it puts onnxruntime's thread pool behind the main thread, so IPC and the UI are served first
 * when the cores are busy. Elsewhere the call would lower the whole app (macOS, Windows apply
 * it to the process), so it does nothing there.
 *
 * @returns whether the priority was lowered
 */
export function lowerThreadPriority(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false
  try {
    // Relative to the app's own nice value, as `nice -n 10` would be.
    setPriority(Math.min(constants.priority.PRIORITY_LOW, getPriority() + 10))
    return true
  } catch {
    // Not permitted in some sandboxes; inference still runs, just at normal priority.
    return false
  }
}
