import { describe, expect, it } from 'vitest'
import { DEFAULT_GRID, gridLayout, itemsInRows, rowCount, rowItems, rowOf } from './grid'

const options = { minCell: 100, gap: 10, caption: 20 }

describe('gallery grid', () => {
  it('fits as many columns as the width allows, at least one', () => {
    // (width - gap) / (minCell + gap): 10 + 3 × 110 = 340 fits three columns.
    expect(gridLayout(340, options).columns).toBe(3)
    expect(gridLayout(339, options).columns).toBe(2)
    expect(gridLayout(0, options).columns).toBe(1)
    expect(gridLayout(50, options).columns).toBe(1)
  })

  it('stretches the cells to fill the width; rows are cell + caption + gap tall', () => {
    const layout = gridLayout(450, options)
    expect(layout.columns).toBe(4)
    expect(layout.cellWidth).toBe(Math.floor(440 / 4 - 10))
    expect(layout.rowHeight).toBe(layout.cellWidth + 20 + 10)
    expect(layout.columns * (layout.cellWidth + 10) + 10).toBeLessThanOrEqual(450)
  })

  it('counts rows, the last one partial', () => {
    expect(rowCount(0, 4)).toBe(0)
    expect(rowCount(8, 4)).toBe(2)
    expect(rowCount(9, 4)).toBe(3)
    expect(rowCount(5000, gridLayout(1200).columns)).toBe(
      Math.ceil(5000 / gridLayout(1200, DEFAULT_GRID).columns)
    )
  })

  it('gives a row’s items and the items of a range of rows', () => {
    const items = Array.from({ length: 10 }, (_, i) => i)
    expect(rowItems(items, 4, 0)).toEqual([0, 1, 2, 3])
    expect(rowItems(items, 4, 2)).toEqual([8, 9])
    expect(itemsInRows(items, 4, 1, 2)).toEqual([4, 5, 6, 7, 8, 9])
    expect(itemsInRows(items, 4, 2, 9)).toEqual([8, 9])
    expect(itemsInRows(items, 4, 0, -1)).toEqual([])
    expect(rowOf(9, 4)).toBe(2)
  })

  it('keeps the visible set small for a 5,000-item gallery', () => {
    const items = Array.from({ length: 5000 }, (_, i) => `id${i}`)
    const { columns } = gridLayout(1280)
    const visible = itemsInRows(items, columns, 100, 105)
    expect(visible).toHaveLength(6 * columns)
    expect(visible[0]).toBe(`id${100 * columns}`)
  })
})
