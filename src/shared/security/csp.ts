/**
 * The renderer's Content-Security-Policy, defined once: injected as a meta tag at build time
 * and sent as a header by the app protocol and the test bridge. Scripts and styles only from
 * the app itself, images from the app and the `lucid:` preview protocol, network only to the
 * app's own origin (the test bridge), no plugins, frames, forms or base rewriting.
 */
export function contentSecurityPolicy(options: { dev?: boolean } = {}): string {
  const dev = options.dev ?? false
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    // Vite's dev server injects an inline React-refresh preamble; production has no inline code.
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'lucid:', 'blob:', 'data:'],
    'connect-src': dev ? ["'self'", 'ws:'] : ["'self'"],
    'font-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"]
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}
