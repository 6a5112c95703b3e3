/** Methods of Python's list, dict and str, the `re` functions and %-formatting model code uses. */
import { DictV, ListV, OpaqueV } from '../objects';
import type { Value } from '../objects';
import type { Scope } from './scope';
import { fn, numArg, pyStr } from './convert';

export const listMethod = (s: Scope, l: ListV, name: string): Value | undefined => {
  switch (name) {
    case 'append':
      return fn(name, (a) => (l.items.push(a[0]), null));
    case 'extend':
      return fn(name, (a, _k, line) => (l.items.push(...s.interp().iterate(a[0], line)), null));
    case 'insert':
      return fn(name, (a, _k, line) => (l.items.splice(numArg(a[0], 'insert()', line), 0, a[1]), null));
    case 'pop':
      return fn(name, (a, _k, line) => (a.length ? l.items.splice(numArg(a[0], 'pop()', line), 1)[0] : (l.items.pop() ?? null)));
    case 'copy':
      return fn(name, () => new ListV([...l.items]));
    case 'index':
      return fn(name, (a) => l.items.findIndex((x) => x === a[0]));
    case 'reverse':
      return fn(name, () => (l.items.reverse(), null));
    default:
      return undefined;
  }
};

export const dictMethod = (d: DictV, name: string): Value | undefined => {
  switch (name) {
    case 'items':
      return fn(name, () => [...d.entries.values()].map((e) => [e.key, e.value]));
    case 'keys':
      return fn(name, () => [...d.entries.values()].map((e) => e.key));
    case 'values':
      return fn(name, () => [...d.entries.values()].map((e) => e.value));
    case 'get':
      return fn(name, (a) => d.get(a[0]) ?? a[1] ?? null);
    case 'pop':
      return fn(name, (a) => {
        const v = d.get(a[0]);
        d.entries.delete(DictV.keyOf(a[0]));
        return v ?? a[1] ?? null;
      });
    case 'setdefault':
      return fn(name, (a) => {
        if (d.get(a[0]) === undefined) d.set(a[0], a[1] ?? null);
        return d.get(a[0])!;
      });
    case 'update':
      return fn(name, (a, k) => {
        if (a[0] instanceof DictV) for (const e of a[0].entries.values()) d.set(e.key, e.value);
        for (const [key, v] of k) d.set(key, v);
        return null;
      });
    case 'copy':
      return fn(name, () => {
        const c = new DictV();
        for (const e of d.entries.values()) c.set(e.key, e.value);
        return c;
      });
    default:
      return undefined;
  }
};

export const strMethod = (s: Scope, text: string, name: string): Value | undefined => {
  switch (name) {
    case 'lower':
      return fn(name, () => text.toLowerCase());
    case 'upper':
      return fn(name, () => text.toUpperCase());
    case 'startswith':
      return fn(name, (a) => typeof a[0] === 'string' && text.startsWith(a[0]));
    case 'endswith':
      return fn(name, (a) => typeof a[0] === 'string' && text.endsWith(a[0]));
    case 'split':
      return fn(name, (a) => new ListV(typeof a[0] === 'string' ? text.split(a[0]) : text.trim().split(/\s+/)));
    case 'join':
      return fn(name, (a, _k, line) => s.interp().iterate(a[0], line).map(pyStr).join(text));
    case 'format':
      return fn(name, () => new OpaqueV('str.format(…)', 0));
    case 'replace':
      return fn(name, (a) => text.split(String(a[0])).join(String(a[1])));
    case 'strip':
      return fn(name, () => text.trim());
    default:
      return undefined;
  }
};

/**
 * The `re` functions model code uses to decode config strings (EfficientNet's 'r1_k3_s11_e1'),
 * for patterns JavaScript reads the same way; others are not read.
 */
export function pythonRe(fn: string, args: Value[], line: number): Value {
  const pattern = args[0] as string;
  if (/\(\?P|\\A|\\Z|\(\?[aiLmsux]+\)/.test(pattern)) return new OpaqueV(`re.${fn} with the pattern ${JSON.stringify(pattern)}`, line);
  let rx: RegExp;
  try {
    rx = new RegExp(pattern, 'g');
  } catch {
    return new OpaqueV(`re.${fn} with the pattern ${JSON.stringify(pattern)}`, line);
  }
  const text = args[fn === 'sub' ? 2 : 1] as string;
  switch (fn) {
    case 'split':
      return new ListV(text.split(rx).map((x) => x ?? null));
    case 'sub':
      return typeof args[1] === 'string' ? text.replace(rx, args[1].replace(/\\(\d)/g, '$$$1')) : new OpaqueV('re.sub with a function', line);
    case 'findall': {
      const out: Value[] = [];
      for (const m of text.matchAll(rx)) out.push(m.length > 2 ? m.slice(1).map((x) => x ?? '') : (m[1] ?? m[0]));
      return new ListV(out);
    }
    default: {
      const anchored = new RegExp(fn === 'search' ? pattern : fn === 'match' ? `^(?:${pattern})` : `^(?:${pattern})$`);
      return anchored.test(text) ? new OpaqueV(`the match object of re.${fn}`, line) : null;
    }
  }
}

/** 'denselayer%d' % (i + 1): the printf-style conversions model code uses for names (%d %i %s %r %%). */
export function percentFormat(fmt: string, args: Value, line: number): Value {
  const items = Array.isArray(args) ? args : [args];
  let i = 0;
  let opaque = false;
  const out = fmt.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([disrf%])/g, (_m, _flags: string, conv: string) => {
    if (conv === '%') return '%';
    const v = items[i++];
    if (typeof v === 'number') return conv === 'd' || conv === 'i' ? String(Math.trunc(v)) : String(v);
    if (typeof v === 'string') return v;
    opaque = true;
    return '';
  });
  return opaque ? new OpaqueV(`the %-formatted string ${JSON.stringify(fmt)}`, line) : out;
}
