/** One entry of the ML term catalog. Pure data: the hover, the look-up panel and the CLI read it. */
export interface Term {
  id: string;
  title: string;
  /** The heading of the course notes the entry belongs to, e.g. "12.4 Border Handling". */
  section: string;
  /** One sentence, shown first in a hover. */
  summary: string;
  /** Two to four sentences in our own words. */
  definition: string;
  /** Key formulas in TeX (rendered to SVG at build time for hovers, with KaTeX in the panel). */
  formulas: string[];
  /**
   * Prose names, matched in Markdown, LaTeX, plain text and comments (whole words/phrases).
   * A one-word alias with a capital letter ("Adam", "ReLU") matches its exact case; phrases and
   * lower-case words match in any case. See compute/hover/find.ts for the full rules.
   */
  aliases: string[];
  /**
   * Common English words that name the term only in ML prose ("padding", "stride", "momentum").
   * They match only in prose documents (Markdown, LaTeX, plain text), never in code or comments.
   */
  generic?: string[];
  /**
   * Longer phrases that contain one of this entry's aliases or generic words but are not about it
   * ("connection pooling", "floating-point precision"): inside one of them the entry does not match.
   */
  notWithin?: string[];
  /**
   * Words that mean another sense of an alias when they are on the same line ("adversarial
   * training" next to "generator" is a GAN's training, not robust training): there the aliases do
   * not match (code names still do).
   */
  notNear?: string[];
  /** Dotted names as they appear in code (`torch.optim.Adam`); matched on identifiers only. */
  code: string[];
  related: string[];
  lab?: { kind: 'conv' | 'optimizer' | 'flow'; params?: Record<string, unknown> };
}
