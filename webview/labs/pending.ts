/** Labs not in this build yet say so, and point at the one that is. */
import { h } from '../dom';
import type { LabContext } from '../lab-context';

export function mount(root: HTMLElement, context: LabContext): void {
  const lab = context.state.lab;
  root.append(
    h('h1', {}, lab === 'optimizer' ? 'Optimizer lab' : 'Flow lab'),
    h('p', { class: 'notice' }, `The ${lab} lab is not in this build yet. The convolution lab is: select an nn.Conv2d(...) call and run “ML Lens: Simulate Selection”.`),
  );
}
