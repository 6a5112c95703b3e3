/**
 * Which workspace files a Python file may import, as paths next to it (the way the model trace's
 * loader resolves `from .blocks import Bottleneck` or `import models.resnet`). Text only: the
 * extension reads the files that exist before the trace, which reads them synchronously.
 */

export interface PyImport {
  /** Leading dots of a relative import (0 for an absolute one). */
  level: number;
  /** The module as written after the dots (`blocks`, `models.resnet`, '' for `from . import x`). */
  dotted: string;
  /** Names imported from it (`from m import a, b`), which may be submodules. */
  names: string[];
}

/** The imports of a file (top-level or indented; parenthesized name lists on one line). */
export function importsOf(text: string): PyImport[] {
  const found: PyImport[] = [];
  for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+\(?([\w, \t]+)/gm)) {
    found.push({
      level: m[1].length,
      dotted: m[2],
      names: m[3]
        .split(',')
        .map((s) => s.trim().split(/\s+/)[0])
        .filter(Boolean),
    });
  }
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w.]+)/gm)) found.push({ level: 0, dotted: m[1], names: [] });
  return found;
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';

/** `blocks` imported from /ws/models/net.py → /ws/models/blocks.py and /ws/models/blocks/__init__.py (level 2 goes up one folder). */
export function modulePaths(fromPath: string, level: number, dotted: string): string[] {
  let dir = dirOf(fromPath);
  for (let i = 1; i < level; i++) dir = dirOf(dir);
  const parts = dotted.split('.').filter(Boolean);
  const base = [dir === '/' ? '' : dir, ...parts].join('/');
  // `from . import x`: the package itself is the folder's __init__.py.
  return parts.length ? [`${base}.py`, `${base}/__init__.py`] : [`${base}/__init__.py`];
}

/** Every path an import of `text` (a file at `fromPath`) may name: the modules and, for `from m import a`, the submodule m.a. */
export function importedPaths(text: string, fromPath: string): string[] {
  const paths = new Set<string>();
  for (const imp of importsOf(text)) {
    for (const p of modulePaths(fromPath, imp.level, imp.dotted)) paths.add(p);
    for (const name of imp.names) for (const p of modulePaths(fromPath, imp.level, `${imp.dotted}.${name}`)) paths.add(p);
  }
  paths.delete(fromPath);
  return [...paths];
}
