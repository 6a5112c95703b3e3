/**
 * The command ids ML Lens registers, in one table: the extension registers them, CodeLenses and
 * hover links (written here in compute/) invoke them, package.json contributes them (a test
 * checks the two agree).
 */
export const COMMANDS = {
  simulateSelection: 'mlLens.simulateSelection',
  analyzeModel: 'mlLens.analyzeModel',
  openLab: 'mlLens.openLab',
  lookUpTerm: 'mlLens.lookUpTerm',
  insertIdentity: 'mlLens.insertIdentity',
  applyToCode: 'mlLens.applyToCode',
  reanalyzeModel: 'mlLens.reanalyzeModel',
} as const;

/** Commands a hover's Markdown may run (VS Code's MarkdownString.isTrusted list). */
export const HOVER_COMMANDS: readonly string[] = [COMMANDS.openLab, COMMANDS.lookUpTerm, COMMANDS.simulateSelection];
