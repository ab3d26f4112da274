// @ts-check
/**
 * The architectural layers, enforced by `no-restricted-imports` (VS Code enforces its
 * common/node/browser/electron-main folders the same way). A wrong import fails `npm run lint`,
 * and `src/shared/layers.test.ts` proves each rule fires.
 */

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'stream/promises',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib'
]

const electronImport = {
  name: 'electron',
  message: 'Only src/main/electron/ and src/main/index.ts may import electron.'
}

/** @param {string} message */
const nodeOnly = (message) => [
  { name: 'electron', message },
  ...nodeBuiltins.map((name) => ({ name, message })),
  { name: 'sharp', message },
  { name: 'onnxruntime-node', message }
]

const nodePatterns = [{ group: ['node:*'], message: 'Node built-ins are not available here.' }]

/**
 * Nothing leaves the machine (SECURITY.md): outside the loopback bridge, main may not import a
 * networking module, nor Electron's network, updater or crash-reporting APIs.
 */
const networkMessage = 'Lucid opens no connection; only src/main/bridge (loopback, tests) may.'
const networkModules = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'undici']
const networkPaths = networkModules.flatMap((name) => [
  { name, message: networkMessage },
  { name: `node:${name}`, message: networkMessage }
])
const networkPatterns = [
  { group: ['node:dns/*', 'dns/*', 'undici/*'], message: networkMessage },
  { group: ['axios', 'got', 'node-fetch', 'ws', 'socket.io*'], message: networkMessage }
]
const electronNetwork = {
  name: 'electron',
  importNames: ['net', 'autoUpdater', 'crashReporter', 'netLog'],
  message: 'Lucid opens no connection and sends no crash reports or telemetry.'
}
/** Browser-style network globals in main (Node 18+ has fetch and WebSocket too). */
const networkGlobals = ['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource'].map((name) => ({
  name,
  message: networkMessage
}))

const mainLayerPatterns = [
  { group: ['**/renderer/**', '**/preload/**'], message: 'main never imports UI code.' },
  {
    group: ['**/electron/**', './electron', '../electron'],
    message: 'Plain-Node code may not depend on the Electron shell.'
  }
]

export const layerRules = [
  {
    // The contract and domain types: importable from every layer, so they import nothing
    // environment-specific and nothing from another layer.
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeOnly('src/shared must stay environment-neutral.'),
            { name: 'react', message: 'src/shared must stay environment-neutral.' }
          ],
          patterns: [
            ...nodePatterns,
            {
              group: ['**/main/**', '**/preload/**', '**/renderer/**'],
              message: 'src/shared may not import from another layer.'
            }
          ]
        }
      ]
    }
  },
  {
    // The renderer is web code: it reaches main only through the contract.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly('The renderer is sandboxed web code; go through window.lucid.'),
          patterns: [
            ...nodePatterns,
            {
              group: ['**/main/**', '**/preload/**', '**/src/main', '**/src/preload'],
              message: 'The renderer never imports main or preload code; use src/shared.'
            }
          ]
        }
      ]
    }
  },
  {
    // Everything in main except the Electron shell is plain Node, shared with tests, the
    // loopback bridge and the CLI.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts', 'src/main/bridge/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, ...networkPaths],
          patterns: [...mainLayerPatterns, ...networkPatterns]
        }
      ],
      'no-restricted-globals': ['error', ...networkGlobals]
    }
  },
  {
    // The loopback bridge is the one place that listens (127.0.0.1, tests and development);
    // tests may open loopback connections too, e.g. to prove the no-network check can fail.
    files: ['src/main/bridge/**/*.ts', 'src/main/**/*.test.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronImport], patterns: mainLayerPatterns }]
    }
  },
  {
    // The Electron shell may import electron, but not its network, updater or crash reporter.
    files: ['src/main/electron/**/*.ts', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronNetwork, ...networkPaths],
          patterns: [
            { group: ['**/renderer/**', '**/preload/**'], message: 'main never imports UI code.' },
            ...networkPatterns
          ]
        }
      ],
      'no-restricted-globals': ['error', ...networkGlobals]
    }
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'preload imports only src/shared.' }
          ]
        }
      ]
    }
  }
]
