import { describe, expect, it } from 'vitest'
import type { Step } from '../../../shared/domain/document'
import { historyRows } from './history-rows'

const step = (id: string, label: string, masked = false): Step => ({
  id,
  label,
  operation: { op: 'deblur', strength: 1, quality: 'balanced' },
  masked,
  createdAt: 0,
  width: 10,
  height: 10
})

const steps = [
  step('a', 'Auto levels'),
  step('b', 'Deblur (painted region)', true),
  step('c', 'Upscale ×2')
]

describe('historyRows', () => {
  it('starts with the original, current when nothing is applied', () => {
    const rows = historyRows({ steps: [], cursor: 0 })
    expect(rows).toEqual([
      { cursorIndex: 0, stepId: 'original', label: 'Original', masked: false, state: 'current' }
    ])
  })

  it('marks the row at the cursor current, earlier rows applied and later ones redo', () => {
    const rows = historyRows({ steps, cursor: 2 })
    expect(rows.map((r) => [r.cursorIndex, r.state])).toEqual([
      [0, 'applied'],
      [1, 'applied'],
      [2, 'current'],
      [3, 'redo']
    ])
    expect(rows[2]).toMatchObject({ stepId: 'b', label: 'Deblur (painted region)', masked: true })
  })

  it('has exactly one current row wherever the cursor is', () => {
    for (let cursor = 0; cursor <= steps.length; cursor++) {
      const current = historyRows({ steps, cursor }).filter((r) => r.state === 'current')
      expect(current.map((r) => r.cursorIndex)).toEqual([cursor])
    }
  })
})
