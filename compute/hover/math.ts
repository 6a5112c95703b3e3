/**
 * Formulas rendered to SVG at build time (MathJax in Node; see scripts/render-math.mjs) and
 * turned into `data:` images here, coloured for the editor's theme and sized to its font.
 */

export interface MathSvg {
  /** MathJax's SVG with `currentColor` ink and no width/height on the root element. */
  svg: string;
  /** Size in ex (MathJax's unit), and the baseline shift. */
  widthEx: number;
  heightEx: number;
  valignEx: number;
}

/** TeX source → rendered SVG; the build writes it to dist/math.json. */
export type MathTable = Readonly<Record<string, MathSvg>>;

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

/** Ink colours close to each theme family's default editor foreground. */
export const THEME_INK: Readonly<Record<ThemeKind, string>> = {
  light: '#1f1f1f',
  dark: '#d4d4d4',
  highContrast: '#ffffff',
  highContrastLight: '#000000',
};

/** MathJax lays out with 1ex ≈ 0.5em; the hover uses the editor's font size for 1em. */
const EX_PER_EM = 0.5;

/**
 * TextEncoder and btoa exist in Node 18+ and in every browser, the two places hovers are made;
 * compute/ is compiled without DOM or Node types (compute/tsconfig.json), so they are named here.
 */
const platform = globalThis as unknown as { TextEncoder: new () => { encode(text: string): Uint8Array }; btoa(binary: string): string };

function base64(text: string): string {
  const bytes = new platform.TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return platform.btoa(binary);
}

export interface ImageOptions {
  theme: ThemeKind;
  /** Editor font size in px. */
  fontSize: number;
}

/** A `data:image/svg+xml;base64,…` URI for a rendered formula. */
export function svgDataUri(math: MathSvg, { theme, fontSize }: ImageOptions): string {
  const px = (ex: number) => (ex * fontSize * EX_PER_EM).toFixed(1);
  const sized = math.svg.replace(/^<svg\b/, `<svg width="${px(math.widthEx)}px" height="${px(math.heightEx)}px"`).replace(/currentColor/g, THEME_INK[theme]);
  return `data:image/svg+xml;base64,${base64(sized)}`;
}
