/**
 * What ML Lens read from the selected code, shown beside the lab it opened: the configurations
 * the framework would reject or that silently collapse (warnings), the names it resolved to
 * literals elsewhere in the file, the framework defaults it filled in, and notes (layout
 * conversions, schedules read as equivalents). Edits in the lab can make these stale, so the
 * section says so once the parameters differ from what the code said.
 */
import { h } from './dom';

/** The recognizer's findings as they travel on a request (fields the compute module adds). */
export interface CodeFindings {
  warnings?: unknown;
  notes?: unknown;
  resolved?: unknown;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

const literal = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? `(${v.map(literal).join(', ')})` : String(v));

/**
 * The section, or null when the code gave nothing to say. `defaults` lists the filled-in
 * framework defaults (e.g. "layer 1: dilation=1, groups=1"); `edited` marks the findings as
 * describing the code rather than the lab's current parameters.
 */
export function codeNotes(id: string, findings: CodeFindings, defaults: string[], edited: boolean): HTMLElement | null {
  const warnings = strings(findings.warnings);
  const notes = strings(findings.notes);
  const resolved = findings.resolved && typeof findings.resolved === 'object' ? Object.entries(findings.resolved as Record<string, unknown>) : [];
  if (!warnings.length && !notes.length && !resolved.length && !defaults.length) return null;
  return h(
    'section',
    { id, class: 'code-notes', 'aria-label': 'What ML Lens read from the code' },
    h('h2', {}, 'Read from the code', edited ? h('span', { class: 'code-notes-edited' }, ' (before your edits here)') : null),
    warnings.length
      ? h(
          'ul',
          { class: 'code-warnings' },
          ...warnings.map((w) =>
            h(
              'li',
              { class: 'code-warning' },
              h('span', { class: 'code-warning-mark', 'aria-hidden': 'true' }, '⚠ '),
              h('span', { class: 'visually-hidden' }, 'Warning: '),
              w,
            ),
          ),
        )
      : null,
    resolved.length
      ? h(
          'p',
          { class: 'code-resolved' },
          'Names resolved in the file: ',
          ...resolved.flatMap(([name, value], i) => [i ? ', ' : '', h('code', {}, name), ` = ${literal(value)}`]),
        )
      : null,
    defaults.length ? h('p', { class: 'code-defaults' }, `Framework defaults filled in: ${defaults.join('; ')}.`) : null,
    notes.length ? h('ul', { class: 'code-info' }, ...notes.map((n) => h('li', {}, n))) : null,
  );
}

/**
 * The request marked with `key`, a digest of its parameters as the code gave them. Marked once,
 * when a lab opened from code first sees it; the mark is saved with the request, so a reload
 * still knows whether the parameters were edited since.
 */
export function markedFromCode<T extends object>(request: T, key: string): T {
  return (request as { codeKey?: string }).codeKey === undefined ? { ...request, codeKey: key } : request;
}

/** Whether the parameters (digested as `key`) differ from those the code gave. */
export function editedSinceCode(request: object, key: string): boolean {
  return (request as { codeKey?: string }).codeKey !== key;
}
