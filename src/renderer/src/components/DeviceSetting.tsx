import type { ReactElement } from 'react'
import { useEffect, useState } from 'react'
import type { DeviceChoice } from '../../../shared/domain/restoration'
import type { LucidApi } from '../../../shared/ipc/api'
import { useEditor } from '../state/editor-store'
import { Choice } from './Controls'

type Kind = DeviceChoice['kind']

const KINDS: readonly { value: Kind; label: string }[] = [
  { value: 'auto', label: 'Automatic (GPU if available)' },
  { value: 'cpu', label: 'CPU' },
  { value: 'cuda', label: 'NVIDIA CUDA' },
  { value: 'directml', label: 'DirectML' },
  { value: 'coreml', label: 'Core ML' }
]

/** Where restoration runs; the next job (and the estimates) use the new choice. */
export function DeviceSetting({
  api,
  onChanged
}: {
  api: LucidApi
  onChanged: () => void
}): ReactElement {
  const [kind, setKind] = useState<Kind | null>(null)
  const running = useEditor((s) => s.busy !== null)

  useEffect(() => {
    let live = true
    void api.settings.get().then((result) => {
      if (live && result.ok) setKind(result.value.device.kind)
    })
    return () => {
      live = false
    }
  }, [api])

  const choose = (next: Kind): void => {
    setKind(next)
    void api.settings.set({ device: { kind: next } }).then((result) => {
      if (!result.ok) {
        useEditor.getState().notify({ kind: 'error', text: result.error.message })
        return
      }
      setKind(result.value.device.kind)
      onChanged()
    })
  }

  return (
    <Choice<Kind>
      label="Device"
      value={kind ?? 'auto'}
      options={KINDS}
      onChange={choose}
      testId="device-select"
      disabled={kind === null || running}
    />
  )
}
