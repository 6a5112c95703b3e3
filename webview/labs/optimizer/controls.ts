/**
 * The optimizer lab's controls: objective, steps, the learning-rate schedule (every schedule the
 * simulator runs, its arguments with the library defaults marked, a composite's children), and
 * one row per optimizer with its framework and every hyperparameter (framework defaults shown as
 * such, editable). Each control edits the request and hands it to `change`; a structural edit
 * redraws the controls. The logic is in form.ts and shared/schedule-form.ts (pure, tested in Node).
 */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { compileExpression } from '../../../compute/expr';
import { buildOptimizer } from '../../../compute/optim/frameworks';
import type { OptimizerRequest, OptimizerSpec, ScheduleSpec } from '../../../compute';
import { h } from '../../dom';
import {
  DEFAULT_EXPR,
  formatValue,
  frameworkChoices,
  frameworkId,
  hyperFields,
  objectiveId,
  OBJECTIVES,
  optimizerChoices,
  optimizerId,
  parseValue,
  retarget,
  specLr,
  specsOf,
  withHyper,
  withObjective,
  withSharedSchedule,
  type Choice,
} from './form';
import {
  addChild,
  parseField,
  removeChild,
  SCHEDULE_CHOICES,
  scheduleChoicesFor,
  scheduleFor,
  scheduleId,
  scheduleProblem,
  scheduleView,
  summarize,
  withChild,
  withScheduleArg,
  type ScheduleField,
  type ScheduleView,
} from '../../../shared/schedule-form';

type Value = { value: string };
const valueOf = (el: Element) => (el as unknown as Value).value;

function select(id: string, label: string, options: readonly Choice[], current: string, onChange: (v: string) => void): HTMLElement {
  const el = h(
    'vscode-single-select',
    { id, 'aria-label': label },
    ...options.map((o) =>
      h('vscode-option', { value: o.id, ...(o.id === current ? { selected: true } : {}), ...(o.disabled ? { disabled: true } : {}) }, o.label),
    ),
  );
  el.addEventListener('change', () => onChange(valueOf(el)));
  return el;
}

function field(
  id: string,
  label: string,
  value: string,
  onInput: (text: string, el: HTMLElement) => void,
  attrs: Record<string, string | boolean> = {},
): HTMLElement {
  const el = h('vscode-textfield', { id, value, 'aria-label': label, ...attrs });
  el.addEventListener('input', () => onInput(valueOf(el), el));
  return el;
}

const labelled = (label: string, forId: string, control: HTMLElement, ...extra: (HTMLElement | null)[]) =>
  h('div', { class: 'opt-field' }, h('label', { for: forId }, label), control, ...extra);

function button(id: string, label: string, text: string, onClick: () => void, disabled = false): HTMLElement {
  const el = h('vscode-button', { id, secondary: true, 'aria-label': label, ...(disabled ? { disabled: true } : {}) }, text);
  el.addEventListener('click', () => {
    if (!disabled) onClick();
  });
  return el;
}

export interface ControlsHandlers {
  /** The request changed; `redraw` when the controls themselves must be rebuilt. */
  change(next: OptimizerRequest, redraw: boolean): void;
  /** Where the running schedule's notes go (kept by the lab across redraws, filled from results). */
  scheduleNotes?: HTMLElement;
}

/** Whether an optimizer has a momentum or β₁ a schedule can cycle (OneCycleLR, CyclicLR). */
function hasMomentum(spec: OptimizerSpec | undefined): boolean {
  try {
    return spec !== undefined && buildOptimizer(spec).create(1).momentumName !== undefined;
  } catch {
    return true; // the row shows its own error
  }
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
  top.append(
    labelled(
      'Objective',
      'objective',
      select('objective', 'Objective', [...OBJECTIVES], objId, (v) => change(withObjective(request, v), true)),
    ),
  );
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
        field(
          'expr',
          'Objective expression in x and y',
          expr,
          (t, el) => {
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
          },
          { class: 'wide' },
        ),
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

  const schedule = scheduleSection(() => request, change, handlers.scheduleNotes);

  // One row per optimizer.
  const rows = h('div', { class: 'opt-rows', role: 'list', 'aria-label': 'Optimizers' });
  specs.forEach((spec, i) => {
    const { fields, error } = hyperFields(spec);
    const rowError = h('p', { class: 'error inline', role: 'alert', id: `opt-${i}-error` }, error ?? '');
    const setSpec = (next: OptimizerSpec) => change({ ...request, optimizers: specsOf(request).map((s, k) => (k === i ? next : s)) }, true);
    const framework = frameworkId(spec.framework);
    const own = spec.schedule !== undefined;
    const row = h(
      'div',
      { class: `opt-row series-${i % 6}`, role: 'listitem' },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }),
      select(`opt-${i}-name`, `Optimizer ${i + 1}`, optimizerChoices(spec), optimizerId(spec.name), (v) =>
        setSpec(retarget(specsOf(request)[i], v, framework)),
      ),
      select(`opt-${i}-framework`, `Optimizer ${i + 1} framework`, frameworkChoices(spec), framework, (v) =>
        setSpec(retarget(specsOf(request)[i], optimizerId(spec.name), v)),
      ),
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
          {
            class: fd.isDefault ? 'hyper default' : 'hyper',
            title: fd.isDefault ? 'framework default (edit to override; clear to reset)' : 'set in the request (clear to reset to the default)',
          },
        );
        return labelled(fd.isDefault ? `${fd.name} (default)` : fd.name, id, input);
      }),
      own
        ? h(
            'div',
            { class: 'opt-own-schedule', id: `opt-${i}-own-schedule` },
            h('span', { class: 'label' }, 'Own schedule (the shared one above does not apply): '),
            h('code', {}, spec.schedule === null ? 'constant' : summarize(spec.schedule)),
            ' ',
            button(`opt-${i}-shared-schedule`, `Optimizer ${i + 1}: use the shared schedule`, 'Use the shared schedule', () =>
              change(withSharedSchedule(request, i), true),
            ),
          )
        : null,
      button(
        `opt-${i}-remove`,
        `Remove optimizer ${i + 1}`,
        'Remove',
        () => change({ ...request, optimizers: specsOf(request).filter((_s, k) => k !== i) }, true),
        specs.length === 1,
      ),
      rowError,
    );
    rows.append(row);
  });
  const add = button('opt-add', 'Add an optimizer', 'Add optimizer', () =>
    change({ ...request, optimizers: [...specsOf(request), { name: 'adam', framework: 'pytorch', hyperparameters: { lr: 0.01 } }] }, true),
  );
  return h('section', { class: 'opt-form', 'aria-label': 'Optimizer lab parameters' }, top, schedule, rows, specs.length < 16 ? add : null);
}

/**
 * The shared learning-rate schedule: the picker, its arguments, a composite's children (each
 * with its own picker and arguments, when it runs, add and remove) and switch points, the
 * simulator's verdict on it, and the notes of the last run.
 */
function scheduleSection(get: () => OptimizerRequest, change: (next: OptimizerRequest, redraw: boolean) => void, notes: HTMLElement | undefined): HTMLElement {
  // The optimizer the schedule is checked on (the first), read when an edit happens.
  const context = () => {
    const r = get();
    const first = specsOf(r)[0];
    return { lr: (first && specLr(first)) ?? 0.01, steps: r.steps, momentum: hasMomentum(first) };
  };
  const verdict = (s: ScheduleSpec | undefined) => {
    const c = context();
    return scheduleProblem(s, c.lr, c.steps, c.momentum) ?? '';
  };
  const sched = get().schedule ?? undefined;
  const sid = scheduleId(sched);
  const problem = h('p', { id: 'opt-schedule-error', class: 'error inline', role: 'alert' }, verdict(sched));
  const current = () => (get().schedule ?? sched) as ScheduleSpec;
  const setSchedule = (next: ScheduleSpec, redraw: boolean) => {
    problem.textContent = verdict(next);
    change({ ...get(), schedule: next }, redraw);
  };
  const lr = context().lr;

  const head = h('div', { class: 'opt-controls' });
  head.append(
    labelled(
      'LR schedule',
      'schedule',
      select('schedule', 'Learning-rate schedule', scheduleChoicesFor(sid, SCHEDULE_CHOICES), sid, (v) =>
        change({ ...get(), schedule: scheduleFor(v, context().lr) ?? null }, true),
      ),
    ),
  );
  const section = h('div', { class: 'opt-schedule', id: 'opt-schedule', role: 'group', 'aria-label': 'Learning-rate schedule' }, head);
  if (sched) {
    const view = scheduleView(sched);
    const whenLabels: HTMLElement[] = [];
    const afterEdit = (next: ScheduleSpec) => {
      // A composite's switch points changed: say again when each child runs.
      const children = scheduleView(next).composite?.children ?? [];
      whenLabels.forEach((el, k) => (el.textContent = children[k] ? `${k + 1} · ${children[k].when}` : ''));
    };
    const rootFields = fieldControls(view, [], 'schedule', current, setSchedule, afterEdit);
    if (view.composite) {
      const c = view.composite;
      const list = h('div', { class: 'opt-sched-children', id: 'schedule-children', role: 'list', 'aria-label': `Schedules inside ${view.id}` });
      c.children.forEach((child) => {
        const i = child.index;
        const when = h('span', { class: 'opt-sched-when label', id: `schedule-${i}-when` }, `${i + 1} · ${child.when}`);
        whenLabels.push(when);
        const remove = button(
          `schedule-${i}-remove`,
          `Remove schedule ${i + 1} of ${view.id}`,
          'Remove',
          () => setSchedule(removeChild(current(), i), true),
          c.children.length <= 1,
        );
        if (child.view) {
          const picker = select(`schedule-${i}-name`, `Schedule ${i + 1} of ${view.id}`, scheduleChoicesFor(child.view.id, c.choices), child.view.id, (v) =>
            setSchedule(withChild(current(), i, v, lr), true),
          );
          const fields = fieldControls(child.view, [i], `schedule-${i}`, current, setSchedule, afterEdit);
          list.append(
            h(
              'div',
              { class: 'opt-sched-child', role: 'listitem' },
              h('div', { class: 'opt-sched-child-head' }, when, picker, remove),
              fields.length ? h('div', { class: 'opt-controls opt-sched-args' }, ...fields) : null,
            ),
          );
        } else {
          list.append(
            h(
              'div',
              { class: 'opt-sched-child read-only', role: 'listitem' },
              h('div', { class: 'opt-sched-child-head' }, when, h('span', { class: 'label' }, `Read-only, not simulated inside ${view.id}:`), remove),
              h('code', { class: 'opt-sched-args', id: `schedule-${i}-summary` }, child.summary),
            ),
          );
        }
      });
      const addLabel = view.id === 'optax.join_schedules' ? 'Add schedule' : 'Add scheduler';
      list.append(button('schedule-add', `${addLabel} to ${view.id}`, addLabel, () => setSchedule(addChild(current(), lr), true)));
      section.append(h('p', { class: 'label opt-sched-explain' }, c.explain), list);
    }
    if (rootFields.length) section.append(h('div', { class: 'opt-controls' }, ...rootFields));
    if (view.extra.length) {
      section.append(
        h(
          'p',
          { class: 'label', id: 'schedule-extra' },
          `Also given, not an argument of ${view.id} here (read-only): `,
          ...view.extra.flatMap(([k, v], n) => [n ? ', ' : '', h('code', {}, `${k}=${JSON.stringify(v)}`)]),
        ),
      );
    }
  }
  section.append(problem);
  if (notes) section.append(notes);
  return section;
}

/**
 * The argument fields of the schedule at `path` (the shared schedule, or child i of a
 * composite): typed text fields, library defaults in italics and labelled as such, a
 * function's Python source in a wide field checked by the simulator's reader as it is typed.
 */
function fieldControls(
  view: ScheduleView,
  path: number[],
  prefix: string,
  current: () => ScheduleSpec,
  setSchedule: (next: ScheduleSpec, redraw: boolean) => void,
  afterEdit: (next: ScheduleSpec) => void,
): HTMLElement[] {
  const owner = view.signature?.name ?? view.id;
  return view.fields.map((fd: ScheduleField) => {
    const id = `${prefix}-${fd.name}`;
    const wide = fd.kind === 'function' || fd.kind === 'scales';
    const error = h(
      'p',
      { class: 'error inline', role: 'alert', id: `${id}-error` },
      fd.required && fd.value === undefined ? `${fd.name} has no default: enter a value.` : '',
    );
    const label = h('label', { for: id }, fd.isDefault && !fd.required ? `${fd.name} (default)` : fd.name);
    const input = field(
      id,
      `${owner} ${fd.name}${fd.isDefault && !fd.required ? ' (library default)' : ''}`,
      fd.text,
      (t, el) => {
        const parsed = parseField(t, fd, owner);
        if ('error' in parsed) {
          el.toggleAttribute('invalid', true);
          error.textContent = parsed.error;
          return;
        }
        el.toggleAttribute('invalid', false);
        error.textContent = '';
        const reset = 'reset' in parsed;
        el.classList.toggle('default', reset);
        label.textContent = reset ? `${fd.name} (default)` : fd.name;
        const next = withScheduleArg(current(), path, fd.name, reset ? undefined : parsed.value);
        setSchedule(next, false);
        afterEdit(next);
      },
      {
        class: `${wide ? 'wide ' : ''}${fd.isDefault ? 'default' : ''}`.trim(),
        title:
          fd.isDefault && !fd.required
            ? 'library default (edit to override; clear to reset)'
            : fd.kind === 'function'
              ? 'Python source: a lambda or a def of the step'
              : 'set in the request (clear to reset to the default)',
        ...(fd.required && fd.value === undefined ? { invalid: true } : {}),
      },
    );
    return h('div', { class: `opt-field${wide ? ' opt-field-wide' : ''}` }, label, input, error);
  });
}
