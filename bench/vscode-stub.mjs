// A `vscode` stand-in for loading dist/extension.js in plain Node (the activation bench, the
// bundle-load row of the hover suite). esbuild's `import * as vscode` copies the module's own
// properties, so the top level is a plain object holding every name the bundle reads from it
// (found in the bundle's text); below it every property is another stub.

/**
 * The stand-in module for a bundle's text. Calls to register… and create… functions are counted
 * by name in `registrations`.
 * @param {string} bundleText
 * @param {Record<string, number>} [registrations]
 */
export function vscodeStandIn(bundleText, registrations = {}) {
  /** @type {Record<string, unknown>} */
  const vscode = {};
  for (const [, key] of bundleText.matchAll(/\bvscode\d*\.(\w+)/g)) vscode[key] ??= stub(`vscode.${key}`, registrations);
  return vscode;
}

/**
 * Every property is another stub, every call returns a disposable stub, and `new` works too; a
 * stub iterates as empty (`workspace.textDocuments`: no open documents).
 * @param {string} name
 * @param {Record<string, number>} registrations
 * @returns {any}
 */
export function stub(name, registrations) {
  const target = function () {};
  return new Proxy(target, {
    get(_, key) {
      if (key === 'dispose') return () => {};
      if (key === Symbol.toPrimitive) return () => name;
      if (key === 'then') return undefined; // not a thenable
      if (key === Symbol.iterator) return function* () {};
      if (key === 'length') return 0;
      if (typeof key === 'symbol') return undefined;
      return stub(`${name}.${key}`, registrations);
    },
    apply() {
      const last = name.split('.').pop() ?? '';
      if (/^(register|create)/.test(last)) registrations[last] = (registrations[last] ?? 0) + 1;
      return stub(`${name}()`, registrations);
    },
    construct() {
      return stub(`new ${name}`, registrations);
    },
  });
}
