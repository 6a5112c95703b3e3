/** A catalog entry in full (ML Lens: Look Up Term), formulas rendered with KaTeX. */
import { h } from '../dom';
import { tex, type LabContext } from '../lab-context';

export function mount(root: HTMLElement, context: LabContext): void {
  const term = context.state.term!;
  root.append(
    h('h1', {}, term.title),
    h('p', { class: 'summary' }, term.summary),
    ...term.formulas.map((f) => tex(f)),
    h('p', {}, term.definition),
    h('p', { class: 'aliases' }, h('strong', {}, 'Also written: '), [...term.aliases, ...term.code].join(', ')),
  );
}
