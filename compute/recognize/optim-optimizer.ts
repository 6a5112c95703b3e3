/**
 * Optimizer calls from code: arguments bound by the framework's positional order, a learning
 * rate given as a schedule, PyTorch parameter groups, Keras 2's lr= and decay=, Keras arguments
 * that are not simulated, and optax.nadam/nadamw as adam/adamw with nesterov.
 */
import type { SyntaxNode } from '@lezer/common';
import { argsByName, KERAS_NOT_SIMULATED, optaxName, POSITIONAL, valuesOf } from './optim-args';
import { callOf, listItems } from './optim-follow';
import { classify, qualify, type CalleeKind, type OptimizerFramework } from './optim-names';
import { readSchedule, type ScheduleFound } from './optim-schedules';
import { nodeText, type Literal, type PyCall } from '../python/syntax';
import { evaluate, type FileContext } from './values';

/** The optimizer a callee names (no file context: the usual spellings and bare class names). */
export function optimizerCallee(callee: string): { framework: OptimizerFramework; name: string } | undefined {
  const k = classify(qualify({ names: new Map(), star: [] }, callee));
  return k?.kind === 'optimizer' ? { framework: k.framework, name: k.framework === 'optax' ? optaxName(k.name) : k.name } : undefined;
}

/** An optimizer call read: its lab name, hyperparameters and the schedule its learning rate is, if any. */
export interface OptimizerFound {
  framework: OptimizerFramework;
  name: string;
  hyper: Record<string, unknown>;
  lrSchedule?: ScheduleFound;
  notes: string[];
  warnings: string[];
}

/** An optimizer call's hyperparameters, by the framework's argument order. */
export function readOptimizer(ctx: FileContext, call: PyCall, kind: CalleeKind & { kind: 'optimizer' }): OptimizerFound {
  const framework = kind.framework;
  const fn = kind.name;
  const name = framework === 'optax' ? optaxName(fn) : fn;
  const order = [...POSITIONAL[framework][fn]];
  const notes: string[] = [];
  const warnings: string[] = [];
  const lrKey = framework === 'pytorch' ? 'lr' : 'learning_rate';
  const keywords = new Map(call.keywords);
  // Keras 2's lr= and decay= (legacy optimizers): read as Keras 2 ran them.
  const legacy = /\.legacy\.\w+$/.test(call.callee);
  const legacyArgs = framework === 'keras' ? ['lr', 'decay'].filter((k) => keywords.has(k)) : [];
  if (legacyArgs.length) {
    if (!legacy) {
      warnings.push(
        `${call.callee}: ${legacyArgs.map((k) => `${k}=`).join(' and ')} ${legacyArgs.length > 1 ? 'are' : 'is'} Keras 2 (≤ 2.10) ${legacyArgs.length > 1 ? 'arguments' : 'an argument'}: tf.keras 2.11+ raises ValueError for ${legacyArgs.length > 1 ? 'them' : 'it'} unless the optimizer is keras.optimizers.legacy.${call.callee.slice(call.callee.lastIndexOf('.') + 1)}, and Keras 3 raises for lr= and ignores decay= with a warning. The lab shows what Keras 2's optimizer does with ${legacyArgs.length > 1 ? 'them' : 'it'}.`,
      );
    }
    if (keywords.has('lr') && !keywords.has('learning_rate')) {
      keywords.set('learning_rate', keywords.get('lr')!);
      notes.push(`${call.callee}: lr= is Keras 2's name for learning_rate.`);
    }
    keywords.delete('lr');
  }
  const legacyDecay = framework === 'keras' ? keywords.get('decay') : undefined;
  keywords.delete('decay');
  for (const k of [...keywords.keys()]) {
    if (framework === 'keras' && Object.hasOwn(KERAS_NOT_SIMULATED, k)) {
      warnings.push(`${call.callee}: ${k}=${nodeText(ctx.text, keywords.get(k)!)} (${KERAS_NOT_SIMULATED[k]}) is not simulated.`);
      keywords.delete(k);
    }
  }
  if (framework === 'keras') keywords.delete('name');
  const byName = argsByName({ ...call, keywords }, order);
  // A learning rate given as a schedule object (or a name bound to one) is read as a schedule.
  const lrNode = byName.get(lrKey);
  const lrCall = lrNode ? callOf(ctx, lrNode) : undefined;
  const lrSchedule = lrCall ? readSchedule(ctx, lrCall) : undefined;
  if (lrSchedule) byName.delete(lrKey);
  // PyTorch's first argument: the parameters, or parameter groups with their own settings.
  let group: Record<string, Literal> = {};
  const params = byName.get('params');
  byName.delete('params');
  if (framework === 'pytorch' && params && (params.name === 'ArrayExpression' || params.name === 'VariableName')) {
    const groups = listItems(ctx, params).filter((g) => g.name === 'DictionaryExpression');
    if (groups.length) {
      const read = groups.map((g) => groupSettings(ctx, g));
      group = read[0];
      const others = read
        .slice(1)
        .map((s, i) =>
          Object.keys(s).length
            ? `group ${i + 1}: ${Object.entries(s)
                .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
                .join(', ')}`
            : '',
        )
        .filter(Boolean);
      warnings.push(
        `${call.callee}: ${groups.length} parameter groups; the lab simulates group 0${Object.keys(group).length ? ` (with its ${Object.keys(group).join(', ')})` : ''}${others.length ? `; the others differ (${others.join('; ')})` : ''}.`,
      );
    }
  }
  const hyper: Record<string, unknown> = { ...valuesOf(ctx, call, byName), ...group };
  if (framework === 'optax' && (fn === 'nadam' || fn === 'nadamw')) {
    hyper.nesterov = true;
    delete hyper.mu_dtype;
    notes.push(`optax.${fn} is optax.${name} with nesterov=True.`);
  }
  let schedule = lrSchedule;
  if (legacyDecay) {
    const decay = evaluate(ctx, legacyDecay);
    if (typeof decay !== 'number') throw new Error(`${call.callee}: decay= must be a number.`);
    if (decay !== 0) {
      if (schedule) throw new Error(`${call.callee}: both a learning-rate schedule and Keras 2's decay= are given; Keras rejects that.`);
      const init = typeof hyper.learning_rate === 'number' ? hyper.learning_rate : 0.01;
      schedule = {
        schedule: { name: 'keras.InverseTimeDecay', initial_learning_rate: init, decay_steps: 1, decay_rate: decay },
        initialLr: init,
        notes: [
          `decay=${decay} is Keras 2's per-iteration decay lr/(1 + decay·t), the same as keras.optimizers.schedules.InverseTimeDecay(${init}, decay_steps=1, decay_rate=${decay}).`,
        ],
        warnings: [],
        call,
      };
    }
  }
  return { framework, name, hyper, lrSchedule: schedule, notes, warnings };
}

/** A parameter group's own settings (`{"params": …, "lr": 1e-3}`), without its parameters. */
function groupSettings(ctx: FileContext, dict: SyntaxNode): Record<string, Literal> {
  const parts: SyntaxNode[] = [];
  for (let c: SyntaxNode | null = dict.firstChild; c; c = c.nextSibling) if (!['{', '}', ':', ','].includes(c.name)) parts.push(c);
  const out: Record<string, Literal> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    if (parts[i].name !== 'String') continue;
    const key = nodeText(ctx.text, parts[i]).slice(1, -1);
    if (key === 'params') continue;
    out[key] = evaluate(ctx, parts[i + 1]);
  }
  return out;
}
