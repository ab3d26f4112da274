/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain Node ESM (the gate runs
   without a TypeScript loader), so its exports cannot carry type annotations. */
// The policy of the Electronegativity gate, apart from running the tool so it can be tested
// on hand-made findings: which findings block, which exceptions are accepted and why, and the
// report and summary written from them.

/** Severities that fail the gate; LOW and INFORMATIONAL are reported only. */
export const BLOCKING_SEVERITIES = ['HIGH', 'MEDIUM']

/**
 * Checks that fail the gate at any severity. The tool rates Node integration INFORMATIONAL
 * unless it also sees remote (http) content loaded, but a renderer with Node turns any script
 * injection, e.g. through a crafted photo name, into code running with the person's rights.
 */
export const ALWAYS_BLOCKING = [
  'NODE_INTEGRATION_JS_CHECK',
  'NODE_INTEGRATION_HTML_CHECK',
  'NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK'
]

function blocks(finding) {
  return BLOCKING_SEVERITIES.includes(finding.severity) || ALWAYS_BLOCKING.includes(finding.check)
}

/**
 * Reads the exceptions of electronegativity.config.json. Each names a check, a file (relative
 * to the repository, or "N/A" for app-wide checks), optionally the trimmed source line the
 * finding points at, and must say why it is safe.
 *
 * @throws Error for an entry without a check, a file or a justification
 */
export function readExceptions(config) {
  const entries = config?.exceptions ?? []
  if (!Array.isArray(entries)) throw new Error('exceptions must be an array')
  return entries.map((entry, index) => {
    for (const key of ['check', 'file', 'justification']) {
      if (typeof entry?.[key] !== 'string' || entry[key].trim() === '') {
        throw new Error(`exceptions[${index}] needs a non-empty "${key}"`)
      }
    }
    return {
      check: entry.check,
      file: entry.file,
      sample: typeof entry.sample === 'string' ? entry.sample : undefined,
      justification: entry.justification
    }
  })
}

function matches(exception, finding) {
  return (
    exception.check === finding.check &&
    exception.file === finding.file &&
    (exception.sample === undefined || exception.sample === finding.sample.trim())
  )
}

/**
 * Sorts findings into blocking ones (HIGH or MEDIUM or ALWAYS_BLOCKING, no exception), accepted ones (with the
 * exception that covers them) and the rest; and lists exceptions that matched nothing, which
 * fail the gate too: a stale exception would silently cover a future finding.
 */
export function judgeFindings(findings, exceptions) {
  const blocking = []
  const accepted = []
  const reported = []
  const used = new Set()
  for (const finding of findings) {
    const exception = exceptions.find((candidate) => matches(candidate, finding))
    if (exception) {
      used.add(exception)
      accepted.push({ finding, exception })
    } else if (blocks(finding)) blocking.push(finding)
    else reported.push(finding)
  }
  const stale = exceptions.filter((exception) => !used.has(exception))
  return { blocking, accepted, reported, stale }
}

/** One line per finding: where, which check, how severe, and the wiki page explaining it. */
export function describeFinding(finding) {
  const where = finding.file === 'N/A' ? 'app-wide' : `${finding.file}:${finding.line}`
  return `${where} ${finding.check} (${finding.severity}, ${finding.confidence}): ${finding.description} ${finding.help}`
}

/** Counts findings by severity, most severe first, e.g. "HIGH 0, MEDIUM 2, LOW 1, INFORMATIONAL 3". */
export function countBySeverity(findings) {
  return ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']
    .map((severity) => `${severity} ${findings.filter((f) => f.severity === severity).length}`)
    .join(', ')
}

// Findings that fail the gate are errors whatever their severity; the rest by severity.
const SARIF_LEVEL = { HIGH: 'error', MEDIUM: 'error', LOW: 'warning', INFORMATIONAL: 'note' }

/**
 * A SARIF 2.1.0 log of every finding, with severity and confidence kept as properties and
 * accepted exceptions recorded as suppressions with their justification (code scanning then
 * shows them as dismissed, not open).
 */
export function toSarif({ judged, toolVersion }) {
  const all = [
    ...judged.blocking.map((finding) => ({ finding, blocking: true })),
    ...judged.accepted,
    ...judged.reported.map((finding) => ({ finding }))
  ]
  const rules = [...new Map(all.map(({ finding }) => [finding.check, finding])).values()].map(
    (finding) => ({
      id: finding.check,
      shortDescription: { text: finding.description },
      helpUri: finding.help
    })
  )
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Electronegativity',
            version: toolVersion,
            informationUri: 'https://github.com/doyensec/electronegativity',
            rules
          }
        },
        results: all.map(({ finding, exception, blocking }) => ({
          ruleId: finding.check,
          level: blocking ? 'error' : (SARIF_LEVEL[finding.severity] ?? 'note'),
          message: { text: finding.description },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.file === 'N/A' ? '.' : finding.file },
                region: { startLine: Math.max(1, finding.line), startColumn: finding.column + 1 }
              }
            }
          ],
          properties: {
            severity: finding.severity,
            confidence: finding.confidence,
            manualReview: finding.manualReview
          },
          ...(exception && {
            suppressions: [{ kind: 'external', justification: exception.justification }]
          })
        }))
      }
    ]
  }
}
