// Legibility check run inside the lab webview: the WCAG contrast ratio of every visible piece
// of text (HTML text and SVG <text>) against the background it is drawn on. Runs in the page, so
// it must be self-contained.

/** Returns { checked, failures: [{ text, ratio, color, background }] } for text under `min`. */
export function contrastReport(min) {
  const rgba = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1]
      .split(/[,\s/]+/)
      .filter(Boolean)
      .map(Number);
    return [r, g, b, a];
  };
  const over = (top, bottom) =>
    top
      .slice(0, 3)
      .map((v, i) => v * top[3] + bottom[i] * (1 - top[3]))
      .concat(1);
  const luminance = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const probe = document.createElement('div');
  probe.style.color = 'var(--vscode-editor-background)';
  document.body.append(probe);
  const page = rgba(getComputedStyle(probe).color) ?? [255, 255, 255, 1];
  probe.remove();
  // The background under an element: its ancestors' backgrounds composited over the page.
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
      if (c && c[3] >= 1) break;
    }
    return layers.reverse().reduce((bottom, top) => over(top, bottom), page);
  };
  const failures = [];
  let checked = 0;
  const root = document.getElementById('ml-lens-lab');
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes]
      .filter((n) => n.nodeType === 3 && n.textContent.trim())
      .map((n) => n.textContent.trim())
      .join(' ');
    if (!own) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    if (el.closest('.katex-mathml')) continue; // screen-reader copy of the formula, not drawn
    const isSvg = el instanceof SVGElement;
    const background = isSvg ? backgroundOf(el.ownerSVGElement?.parentElement ?? el) : backgroundOf(el);
    const ink = rgba(isSvg ? style.fill : style.color);
    if (!ink) continue;
    const colour = over(ink, background);
    const [a, b] = [luminance(colour), luminance(background)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    checked++;
    if (ratio < min)
      failures.push({
        text: own.slice(0, 40),
        ratio: Number(ratio.toFixed(2)),
        color: style.color,
        background: `rgb(${background.slice(0, 3).map(Math.round).join(', ')})`,
        cls: String(el.getAttribute('class') ?? el.tagName),
      });
  }
  return { checked, failures };
}
