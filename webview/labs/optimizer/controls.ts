/**
 * The optimizer lab's controls: objective, steps, schedule, and one row per optimizer with its
 * framework and every hyperparameter (framework defaults shown as such, editable). Each control
 * edits the request and hands it to `change`; a structural edit redraws the controls.
 */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { compileExpression, FRAMEWORKS, type OptimizerRequest } from '../../../compute';
import { h } from '../../dom';
import {
  DEFAULT_EXPR,
  formatValue,
  hyperFields,
  objectiveId,
  OBJECTIVES,
  OPTIMIZERS,
  parseValue,
  retarget,
  scheduleFor,
  scheduleId,
  SCHEDULES,
  specsOf,
  withHyper,
  withObjective,
} from './form';

type Value = { value: string };
const valueOf = (el: Element) => (el as unknown as Value).value;

function select(id: string, label: string, options: { id: string; label: string }[], current: string, onChange: (v: string) => void): HTMLElement {
  const el = h('vscode-single-select', { id, 'aria-label': label }, ...options.map((o) => h('vscode-option', { value: o.id, ...(o.id === current ? { selected: true } : {}) }, o.label)));
  el.addEventListener('change', () => onChange(valueOf(el)));
  return el;
}

function field(id: string, label: string, value: string, onInput: (text: string, el: HTMLElement) => void, attrs: Record<string, string | boolean> = {}): HTMLElement {
  const el = h('vscode-textfield', { id, value, 'aria-label': label, ...attrs });
  el.addEventListener('input', () => onInput(valueOf(el), el));
  return el;
}

const labelled = (label: string, forId: string, control: HTMLElement, ...extra: (HTMLElement | null)[]) => h('div', { class: 'opt-field' }, h('label', { for: forId }, label), control, ...extra);

export interface ControlsHandlers {
  /** The request changed; `redraw` when the controls themselves must be rebuilt. */
  change(next: OptimizerRequest, redraw: boolean): void;
}

export function controls(request: OptimizerRequest, handlers: ControlsHandlers): HTMLElement {
  // Every handler reads and replaces the current request (edits that do not redraw accumulate).
  const change = (next: OptimizerRequest, redraw: boolean) => {
    request = next;
    handlers.change(next, redraw);
  };
  const specs = specsOf(request);
  const objId = objectiveId(request);
  const objective = request.objective as Record<string, unknown>;

  // Objective, its parameter, steps.
  const top = h('div', { class: 'opt-controls' });
  top.append(labelled('Objective', 'objective', select('objective', 'Objective', [...OBJECTIVES], objId, (v) => change(withObjective(request, v), true))));
  if (objId === 'quadratic') {
    top.append(
      labelled(
        'κ (L/μ)',
        'kappa',
        field('kappa', 'Condition number kappa', formatValue(objective.kappa ?? 10), (t, el) => {
          const v = Number(t);
          el.toggleAttribute('invalid', !(v >= 1));
          if (v >= 1) change({ ...request, objective: { ...(request.objective as object), name: 'quadratic', kappa: v } }, false);
        }),
      ),
    );
  }
  if (objId === 'custom') {
    const error = h('p', { id: 'expr-error', class: 'error inline', role: 'alert' });
    const expr = typeof objective.expr === 'string' ? objective.expr : DEFAULT_EXPR;
    top.append(
      labelled(
        'f(x, y) =',
        'expr',
        field('expr', 'Objective expression in x and y', expr, (t, el) => {
          let message = '';
          try {
            const vars = compileExpression(t).variables;
            if (vars.length !== 2) message = `Use exactly the variables x and y (found ${vars.join(', ') || 'none'}).`;
          } catch (e) {
            message = e instanceof Error ? e.message : String(e);
          }
          error.textContent = message;
          el.toggleAttribute('invalid', message !== '');
          if (!message) change({ ...request, objective: { expr: t } }, false);
        }, { class: 'wide' }),
        error,
      ),
    );
  }
  top.append(
    labelled(
      'Steps',
      'steps',
      field('steps', 'Number of steps', String(request.steps), (t, el) => {
        const v = Number(t);
        const ok = Number.isInteger(v) && v >= 1 && v <= 100_000;
        el.toggleAttribute('invalid', !ok);
        if (ok) change({ ...request, steps: v }, false);
      }),
    ),
  );

  // Schedule and its arguments.
  const sched = request.schedule ?? undefined;
  const sid = scheduleId(sched);
  const schedRow = h('div', { class: 'opt-controls' });
  schedRow.append(
    labelled(
      'LR schedule',
      'schedule',
      select('schedule', 'Learning-rate schedule', Object.keys(SCHEDULES).map((id) => ({ id, label: id === 'none' ? 'constant' : id })), sid, (v) => change({ ...request, schedule: scheduleFor(v) ?? null }, true)),
    ),
  );
  if (sched) {
    for (const [name, value] of Object.entries(sched)) {
      if (name === 'name') continue;
      const id = `schedule-${name}`;
      schedRow.append(
        labelled(
          name,
          id,
          field(id, `Schedule ${name}`, formatValue(value), (t, el) => {
            const v = Number(t);
            el.toggleAttribute('invalid', t.trim() === '' || !Number.isFinite(v));
            if (t.trim() !== '' && Number.isFinite(v)) change({ ...request, schedule: { ...(request.schedule ?? sched), [name]: v } }, false);
          }),
        ),
      );
    }
  }

  // One row per optimizer.
  const rows = h('div', { class: 'opt-rows', role: 'list', 'aria-label': 'Optimizers' });
  specs.forEach((spec, i) => {
    const { fields, error } = hyperFields(spec);
    const rowError = h('p', { class: 'error inline', role: 'alert', id: `opt-${i}-error` }, error ?? '');
    const setSpec = (next: typeof spec) => change({ ...request, optimizers: specsOf(request).map((s, k) => (k === i ? next : s)) }, true);
    const row = h(
      'div',
      { class: `opt-row series-${i % 6}`, role: 'listitem' },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }),
      select(`opt-${i}-name`, `Optimizer ${i + 1}`, [...OPTIMIZERS], spec.name, (v) => setSpec(retarget(specsOf(request)[i], v, spec.framework ?? 'pytorch'))),
      select(`opt-${i}-framework`, `Optimizer ${i + 1} framework`, FRAMEWORKS.map((f) => ({ id: f, label: f })), spec.framework ?? 'pytorch', (v) => setSpec(retarget(specsOf(request)[i], spec.name, v))),
      ...fields.map((fd) => {
        const id = `opt-${i}-${fd.name}`;
        const input = field(
          id,
          `Optimizer ${i + 1} ${fd.name}${fd.isDefault ? ' (framework default)' : ''}`,
          formatValue(fd.value),
          (t, el) => {
            let current: OptimizerRequest;
            if (t.trim() === '') {
              // An empty field goes back to the framework default.
              current = withHyper(request, i, fd.name, undefined);
              el.classList.add('default');
            } else {
              const v = parseValue(t, fd.value);
              const bad = v !== null && typeof v === 'object' && !Array.isArray(v);
              el.toggleAttribute('invalid', bad);
              rowError.textContent = bad ? (v as { error: string }).error : '';
              if (bad) return;
              current = withHyper(request, i, fd.name, v);
              el.classList.remove('default');
            }
            change(current, false);
          },
          { class: fd.isDefault ? 'hyper default' : 'hyper', title: fd.isDefault ? 'framework default (edit to override; clear to reset)' : 'set in the request (clear to reset to the default)' },
        );
        return labelled(fd.isDefault ? `${fd.name} (default)` : fd.name, id, input);
      }),
      h('vscode-button', { id: `opt-${i}-remove`, secondary: true, 'aria-label': `Remove optimizer ${i + 1}`, ...(specs.length === 1 ? { disabled: true } : {}) }, 'Remove'),
      rowError,
    );
    row.querySelector(`#opt-${i}-remove`)!.addEventListener('click', () => {
      if (specs.length > 1) change({ ...request, optimizers: specsOf(request).filter((_s, k) => k !== i) }, true);
    });
    rows.append(row);
  });
  const add = h('vscode-button', { id: 'opt-add', 'aria-label': 'Add an optimizer', secondary: true }, 'Add optimizer');
  add.addEventListener('click', () => change({ ...request, optimizers: [...specsOf(request), { name: 'adam', framework: 'pytorch', hyperparameters: { lr: 0.01 } }] }, true));
  return h('section', { class: 'opt-form', 'aria-label': 'Optimizer lab parameters' }, top, schedRow, rows, specs.length < 16 ? add : null);
}
