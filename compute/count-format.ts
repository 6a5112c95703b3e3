/**
 * Counts as people read them: parameters and MACs in human units (`11.7 M`, `1.8 G`) and in full
 * (`11,689,512`). One copy for the inlay hints, the hovers and the lab's model view. A leaf.
 */

/** 11689512 → "11.7 M", 1814073344 → "1.8 G", 118013952 → "118 M", 9408 → "9.4 k", null → "?". */
export function humanUnits(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '?';
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (let i = 0; i < units.length; i++) {
    const [size, unit] = units[i];
    const v = n / size;
    if (Math.abs(v) < 1) continue;
    // 999,960 is "1.0 M", not "1000 k".
    if (Math.abs(v) >= 999.5 && i > 0) return `${(n / units[i - 1][0]).toFixed(1)} ${units[i - 1][1]}`;
    return `${Math.abs(v) >= 99.95 ? Math.round(v) : v.toFixed(1)} ${unit}`;
  }
  return String(n);
}

/** 11689512 → "11,689,512"; null or undefined (it needs an unknown) → "?". */
export const fullCount = (n: number | null | undefined): string => (n === null || n === undefined ? '?' : n.toLocaleString('en-US'));
