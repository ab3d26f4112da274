// Packaging cannot run on the dev/CI machines (no Electron binary, no network), so this
// test pins the parts of electron-builder.yml that a broken installer would otherwise
// reveal only on a user's machine: what ships, what leaves the asar, icons, targets, signing.
import { describe, it, expect } from 'vitest'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import sharp from 'sharp'
import type { Metadata } from 'sharp'
import { Minimatch } from 'minimatch'
import { DebugLogger } from 'builder-util'
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import type {
  Configuration,
  FileAssociation,
  FileSet,
  LinuxConfiguration,
  MacConfiguration,
  TargetConfiguration,
  WindowsConfiguration
} from 'electron-builder'

const ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const config: Configuration = parse(
  readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')
) as Configuration

type Os = 'linux' | 'win' | 'mac'
type PlatformConfig = LinuxConfiguration | WindowsConfiguration | MacConfiguration
type Pattern = string | FileSet

function asArray<T>(value: T | T[] | null | undefined): T[] {
  if (value == null) return []
  return Array.isArray(value) ? value : [value]
}

function stringPatterns(value: Pattern | Pattern[] | null | undefined): string[] {
  return asArray(value).filter((p: Pattern): p is string => typeof p === 'string')
}

/**
 * electron-builder's own matching (app-builder-lib/out/util/filter.js): patterns apply
 * in order, a later `!pattern` removes what an earlier one added, with { dot: true }.
 */
function matchesAll(relPath: string, patterns: string[]): boolean {
  let match = false
  for (const pattern of patterns) {
    const mm: Minimatch = new Minimatch(pattern, { dot: true })
    if (match !== mm.negate) continue
    match = mm.match(relPath)
  }
  return match
}

function platform(name: Os): PlatformConfig {
  const value: PlatformConfig | null | undefined = config[name]
  if (value == null) throw new Error(`electron-builder.yml has no ${name} section`)
  return value
}

/** Files of the app itself (out/, package.json) that end up in the package. */
function shipsAppFile(relPath: string, os: Os): boolean {
  return matchesAll(relPath, [
    ...stringPatterns(config.files),
    ...stringPatterns(platform(os).files),
    'package.json'
  ])
}

/** node_modules are always copied; only the `!` patterns of `files` apply to them. */
function shipsModuleFile(relPath: string, os: Os): boolean {
  const excludes: string[] = [
    ...stringPatterns(config.files),
    ...stringPatterns(platform(os).files)
  ].filter((p: string): boolean => p.startsWith('!'))
  return matchesAll(relPath, ['**/*', ...excludes])
}

function isUnpacked(relPath: string): boolean {
  return matchesAll(relPath, stringPatterns(config.asarUnpack))
}

/** Like electron-builder, resolve a resource path against buildResources, then the root. */
function resolveResource(file: string): string {
  const buildResources: string = config.directories?.buildResources ?? 'build'
  const inBuildResources: string = join(ROOT, buildResources, file)
  return existsSync(inBuildResources) ? inBuildResources : join(ROOT, file)
}

interface PackageJson {
  main: string
  dependencies?: Record<string, string>
}

function readPackageJson(): PackageJson {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): string[] => {
    const full: string = join(dir, entry.name)
    return entry.isDirectory() ? walk(full) : [full]
  })
}

const NATIVE_FILE: RegExp = /\.(node|dll|dylib)$|\.so(\.\d+)*$/

/** Real native binaries of the two native dependencies, as app-relative posix paths. */
function nativeFiles(): string[] {
  return ['onnxruntime-node', 'sharp', '@img']
    .flatMap((dir: string): string[] => walk(join(ROOT, 'node_modules', dir)))
    .map((full: string): string => relative(ROOT, full).split(sep).join('/'))
    .filter((rel: string): boolean => NATIVE_FILE.test(rel))
}

function targetNames(os: Os): string[] {
  return asArray(platform(os).target).map((t: string | TargetConfiguration): string =>
    typeof t === 'string' ? t : t.target
  )
}

function targetArchs(os: Os, name: string): string[] {
  const spec: string | TargetConfiguration | undefined = asArray(platform(os).target).find(
    (t: string | TargetConfiguration): boolean => typeof t !== 'string' && t.target === name
  )
  return typeof spec === 'object' ? asArray(spec.arch).map(String) : []
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    // ...and that validation really rejects a misspelt option.
    const broken: Configuration = {
      ...config,
      mac: { ...config.mac, hardenedRuntim: true } as MacConfiguration
    }
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/mac/)
  })

  it('identifies the app', () => {
    expect(config.appId).toBe('app.lucid.editor')
    expect(config.productName).toBe('Lucid')
    expect(config.directories?.buildResources).toBe('build')
    expect(config.directories?.output).toBe('dist')
  })

  it('keeps electron-builder’s default native-module rebuild', () => {
    expect(config.npmRebuild).toBeUndefined()
  })

  it('ships the built app and nothing else from the project', () => {
    const main: string = readPackageJson().main.replace(/^\.\//, '')
    for (const os of ['linux', 'win', 'mac'] as const) {
      for (const file of [
        main,
        'package.json',
        'out/preload/index.mjs',
        'out/renderer/index.html'
      ]) {
        expect(shipsAppFile(file, os), `${file} on ${os}`).toBe(true)
      }
      for (const file of [
        'src/main/index.ts',
        'src/renderer/App.tsx',
        'e2e/app.spec.ts',
        'tests/fixtures/photo.jpg',
        'scripts/make-icons.mjs',
        'electron.vite.config.ts',
        'vite.bridge.config.ts',
        'tsconfig.json',
        'resources/models/model.onnx',
        'out/renderer-bridge/index.html',
        'out/renderer-bridge/assets/index.js',
        'out/main/index.js.map'
      ]) {
        expect(shipsAppFile(file, os), `${file} on ${os}`).toBe(false)
      }
    }
  })

  it('needs no renderer library at runtime (vite bundles them)', () => {
    const deps: string[] = Object.keys(readPackageJson().dependencies ?? {})
    for (const lib of ['react', 'react-dom', 'zustand']) expect(deps).not.toContain(lib)
  })

  it('unpacks every real native binary of onnxruntime-node and sharp from the asar', () => {
    expect(config.asar).toBe(true)
    const natives: string[] = nativeFiles()
    // Guard against a layout change that would make the loop below vacuous.
    const prefix: string = `node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}`
    expect(natives).toContain(`${prefix}/onnxruntime_binding.node`)
    const has = (re: RegExp): boolean => natives.some((f: string): boolean => re.test(f))
    expect(has(new RegExp(`^node_modules/@img/sharp-${process.platform}[^/]*/.*\\.node$`))).toBe(
      true
    )
    expect(has(/^node_modules\/@img\/.*\/libvips[^/]*$/)).toBe(true)
    const packed: string[] = natives.filter((f: string): boolean => !isUnpacked(f))
    expect(packed).toEqual([])
  })

  it('keeps plain JavaScript dependencies inside the asar', () => {
    for (const file of [
      'node_modules/onnxruntime-node/dist/index.js',
      'node_modules/onnxruntime-common/dist/cjs/index.js',
      'node_modules/zod/index.js'
    ]) {
      expect(isUnpacked(file), file).toBe(false)
    }
  })

  it('ships each OS only its own onnxruntime binaries, and all of sharp', () => {
    const oses: Record<Os, string> = {
      linux: 'linux',
      win: 'win32',
      mac: 'darwin'
    }
    const natives: string[] = nativeFiles()
    for (const [os, nodeOs] of Object.entries(oses) as [Os, string][]) {
      for (const file of natives) {
        const ortOs: string | undefined = /onnxruntime-node\/bin\/[^/]+\/([^/]+)\//.exec(file)?.[1]
        const expected: boolean = ortOs === undefined || ortOs === nodeOs
        expect(shipsModuleFile(file, os), `${file} on ${os}`).toBe(expected)
      }
      expect(shipsModuleFile('node_modules/onnxruntime-node/dist/binding.js', os)).toBe(true)
    }
  })

  it('ships the models outside the asar', () => {
    const sets: FileSet[] = asArray(config.extraResources).filter(
      (p: Pattern): p is FileSet => typeof p !== 'string'
    )
    const models: FileSet | undefined = sets.find(
      (s: FileSet): boolean => s.from === 'resources/models'
    )
    expect(models?.to).toBe('models')
    const filter: string[] = asArray(models?.filter)
    const ships = (name: string): boolean => matchesAll(name, filter)
    expect(ships('realesrgan-x4.onnx')).toBe(true)
    expect(ships('manifest.json')).toBe(true)
    expect(ships('realesrgan-x4.onnx.tmp')).toBe(false)
    expect(ships('README.md')).toBe(false)
  })

  it('has icons electron-builder can use', async () => {
    expect(existsSync(join(ROOT, 'build/icon.svg'))).toBe(true)
    const icon: string = resolveResource(String(config.icon))
    expect(existsSync(icon), icon).toBe(true)
    const meta: Metadata = await sharp(icon).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1024, 1024])

    const linuxIcons: string = resolveResource(String(platform('linux').icon))
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      // electron-builder reads each size from a `<n>x<n>.png` file name.
      const file: string = join(linuxIcons, `${size}x${size}.png`)
      expect(existsSync(file), file).toBe(true)
      const m: Metadata = await sharp(file).metadata()
      expect([m.width, m.height], file).toEqual([size, size])
    }
  })

  it('builds AppImage and deb for Linux, registered for image types', () => {
    const linux: LinuxConfiguration = platform('linux') as LinuxConfiguration
    expect(targetNames('linux')).toEqual(expect.arrayContaining(['AppImage', 'deb']))
    expect(linux.category).toBe('Graphics')
    expect(linux.mimeTypes).toEqual(
      expect.arrayContaining([
        'image/jpeg',
        'image/png',
        'image/webp',
        'image/tiff',
        'image/avif',
        'image/heic'
      ])
    )
  })

  it('builds an NSIS installer for Windows x64 and arm64', () => {
    expect(targetNames('win')).toContain('nsis')
    expect(targetArchs('win', 'nsis')).toEqual(expect.arrayContaining(['x64', 'arm64']))
    expect(config.nsis?.oneClick).toBe(false)
    expect(config.nsis?.allowToChangeInstallationDirectory).toBe(true)
  })

  it('builds a hardened-runtime dmg for macOS', () => {
    const mac: MacConfiguration = platform('mac') as MacConfiguration
    expect(targetNames('mac')).toContain('dmg')
    expect(targetArchs('mac', 'dmg')).toEqual(expect.arrayContaining(['arm64', 'x64']))
    expect(mac.category).toBe('public.app-category.photography')
    expect(mac.hardenedRuntime).toBe(true)
    expect(mac.entitlements).toBe('build/entitlements.mac.plist')
    expect(mac.entitlementsInherit).toBe('build/entitlements.mac.plist')
    const plist: string = readFileSync(resolveResource(String(mac.entitlements)), 'utf8')
    for (const key of [
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.cs.disable-library-validation'
    ]) {
      expect(plist).toMatch(new RegExp(`<key>${key.replace(/\./g, '\\.')}</key>\\s*<true/>`))
    }
    // The app never uses the network, so it must not ask for it.
    expect(plist).not.toContain('com.apple.security.network')
  })

  it('associates the supported image formats as an editor', () => {
    const associations: FileAssociation[] = asArray(config.fileAssociations)
    const exts: string[] = associations.flatMap((a): string[] => asArray(a.ext))
    expect(exts).toEqual(
      expect.arrayContaining(['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff', 'avif', 'heic'])
    )
    for (const a of associations) expect(a.role).toBe('Editor')
  })
})
