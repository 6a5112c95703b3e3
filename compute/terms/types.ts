/** One entry of the ML term catalog. Pure data: the hover, the look-up panel and the CLI read it. */
export interface Term {
  id: string;
  title: string;
  /** One sentence, shown first in a hover. */
  summary: string;
  /** Two to four sentences in our own words. */
  definition: string;
  /** Key formulas in TeX (rendered to SVG at build time for hovers, with KaTeX in the panel). */
  formulas: string[];
  /** Prose names, matched in Markdown, LaTeX, plain text and comments (whole words/phrases). */
  aliases: string[];
  /** Dotted names as they appear in code (`torch.optim.Adam`); matched on identifiers only. */
  code: string[];
  related: string[];
  lab?: { kind: 'conv' | 'optimizer' | 'flow'; params?: Record<string, unknown> };
}
