/** The model view's kernel panel: a conv or pool row's layer in the conv lab's kernel view, on the row's real input. */
import type { ConvLayerJson } from '../../../compute/conv/layer';
import { h } from '../../dom';
import { mountKernelView, type KernelView } from '../conv/kernel-view';
import { formatShape, kernelLayer, type ModelRow } from './table';

/** The kernel view on screen; one per webview, replaced when the model view is drawn again. */
let kernelView: KernelView | undefined;

function closeKernelView(): void {
  kernelView?.destroy();
  kernelView = undefined;
}

export interface KernelPanel {
  section: HTMLElement;
  /** Show a row's layer (closing the one shown); `scroll` brings the panel into view. */
  open(row: ModelRow, scroll: boolean): void;
}

/** A new, empty panel; `remember` saves which row is open (undefined when closed). */
export function kernelPanel(remember: (path: string | undefined) => void): KernelPanel {
  closeKernelView();
  const section = h('section', { id: 'model-kernel', class: 'conv-kernel' });
  const open = (row: ModelRow, scroll: boolean) => {
    closeKernelView();
    if (!row.layer) return;
    const made = kernelLayer(row.layer);
    const close = h('vscode-button', { id: 'model-kernel-close', secondary: true }, 'Close');
    close.addEventListener('click', () => {
      closeKernelView();
      section.replaceChildren();
      remember(undefined);
    });
    const title = h('header', {}, h('h2', {}, `Kernel view: `, h('code', {}, row.path), ` (${row.type}) on ${formatShape(row.layer.inShape)}`), close);
    if ('error' in made) {
      section.replaceChildren(title, h('p', { class: 'error' }, made.error));
    } else {
      const host = h('div', { class: 'kv-host' });
      section.replaceChildren(title, host);
      try {
        kernelView = mountKernelView(host, { layer: made.layer as ConvLayerJson, inputShape: made.inputShape });
      } catch (e) {
        host.replaceChildren(h('p', { class: 'error' }, e instanceof Error ? e.message : String(e)));
      }
    }
    remember(row.path);
    if (scroll) section.scrollIntoView({ block: 'start' });
  };
  return { section, open };
}
