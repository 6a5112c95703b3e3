/** argparse: `args.x` is the default of its `--x` (a value from outside the model), or an unknown when it has none. */
import { BuiltinV, DictV, InstanceV, ListV } from '../objects';
import type { Value } from '../objects';
import { UnknownV } from '../values';
import type { Scope } from './scope';
import { fn, callBuiltin } from './convert';

export const argParser = (s: Scope, line: number): InstanceV => {
  const p = new InstanceV(s.parserClass);
  p.attrs.set('__dests__', new DictV());
  p.attrs.set('__line__', line);
  return p;
};
export const parserMethod = (s: Scope, p: InstanceV, name: string): Value | undefined => {
  const dests = p.attrs.get('__dests__') as DictV;
  switch (name) {
    case 'add_argument':
      return fn(name, (a, k, line) => {
        const flags = a.filter((x): x is string => typeof x === 'string');
        const long = flags.find((f) => f.startsWith('--')) ?? flags.find((f) => f.startsWith('-')) ?? flags[0];
        if (!long) return null;
        const dest = typeof k.get('dest') === 'string' ? (k.get('dest') as string) : long.replace(/^-+/, '').replace(/-/g, '_');
        const action = k.get('action');
        let value: Value | undefined = k.get('default');
        if (value === undefined && action === 'store_true') value = false;
        if (value === undefined && action === 'store_false') value = true;
        const type = k.get('type');
        if (typeof value === 'string' && type instanceof BuiltinV && (type.name === 'int' || type.name === 'float'))
          value = callBuiltin(type, [value], new Map(), line);
        const required = k.get('required') === true || !long.startsWith('-');
        if (value === undefined) {
          // No default: None in argparse, or given on the command line (required/positional).
          value = required ? new UnknownV(`args.${dest}`, `command-line argument ${long} (required, no default)`, line) : null;
          if (value instanceof UnknownV) s.interp().unknowns.set(value.name, value);
        }
        const givenName = [`args.${dest}`, dest].find((n) => s.interp().given.has(n));
        if (givenName) s.interp().usedGiven.add(givenName);
        const given = givenName ? s.interp().given.get(givenName) : undefined;
        dests.set(dest, given ?? value);
        return null;
      });
    case 'add_argument_group':
    case 'add_mutually_exclusive_group':
      return fn(name, () => p);
    case 'set_defaults':
      return fn(name, (_a, k) => {
        for (const [key, v] of k) dests.set(key, v);
        return null;
      });
    case 'parse_args':
    case 'parse_known_args': {
      return fn(name, () => {
        const ns = new InstanceV(s.namespaceClass);
        for (const e of dests.entries.values()) ns.attrs.set(String(e.key), e.value);
        return name === 'parse_args' ? ns : [ns, new ListV([])];
      });
    }
    default:
      return fn(name, () => null);
  }
};
