/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain Node ESM (the gate runs
   without a TypeScript loader), so its exports cannot carry type annotations. */
// Electronegativity reads a window's security options only when they are written inline:
// `new BrowserWindow({ webPreferences: { … } })`. Options in a variable, or wrapped in a
// TypeScript `satisfies`/`as`, are invisible to its checks, which then assume Electron's
// defaults and report nothing: `{ nodeIntegration: true } satisfies Options` passes. This finds
// such windows so the gate can refuse them instead of passing them unchecked.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView'])
const SOURCE = /\.(m|c)?(j|t)sx?$/

/**
 * @param {string} root the scanned folder
 * @param {string[]} files paths relative to root (as the scan lists them)
 * @returns {{ file: string, line: number, message: string }[]} windows whose options or
 *   webPreferences are not an object literal
 */
export function findUncheckableWindows(root, files) {
  const { parse } = require('@babel/parser')
  const found = []
  for (const file of files.filter((name) => SOURCE.test(name))) {
    let ast
    try {
      ast = parse(readFileSync(join(root, file), 'utf8'), {
        sourceType: 'module',
        plugins: [/\.(m|c)?tsx?$/.test(file) ? 'typescript' : 'flow', 'jsx']
      })
    } catch {
      continue // the scan itself reports files it cannot parse
    }
    visit(ast.program, (node) => {
      if (node.type !== 'NewExpression' || !WINDOW_CLASSES.has(node.callee?.name)) return
      const [options] = node.arguments
      const line = node.loc.start.line
      if (options === undefined) return
      if (options.type !== 'ObjectExpression') {
        found.push({ file, line, message: `${node.callee.name} options are not an object literal` })
        return
      }
      const prefs = options.properties.find(
        (p) => (p.key?.name ?? p.key?.value) === 'webPreferences'
      )
      if (prefs && prefs.value?.type !== 'ObjectExpression') {
        found.push({ file, line, message: 'webPreferences is not an object literal' })
      }
      const spreads = (literal) => literal.properties.some((p) => p.type === 'SpreadElement')
      if (spreads(options) || (prefs?.value?.type === 'ObjectExpression' && spreads(prefs.value))) {
        found.push({ file, line, message: 'options spread another object' })
      }
    })
  }
  return found
}

function visit(node, onNode) {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, onNode)
    return
  }
  if (node === null || typeof node !== 'object' || typeof node.type !== 'string') return
  onNode(node)
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'loc' && value && typeof value === 'object') visit(value, onNode)
  }
}
