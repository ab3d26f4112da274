/**
 * The folder the user typed the command in. `npm run lucid -- …` runs the CLI in the package's
 * root, not where the user is; npm passes the user's folder as INIT_CWD. Relative photo paths must
 * mean what the user meant, so when this process is our own `lucid` script (and not some other
 * package's script that happens to run us), that folder is the one to resolve them against.
 */
export function invocationDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const ours =
    env.npm_lifecycle_event === 'lucid' &&
    /out\/tools\/lucid\.cjs/.test(env.npm_lifecycle_script ?? '')
  return ours && env.INIT_CWD ? env.INIT_CWD : null
}
