/**
 * Tabs for the three labs (a WAI-ARIA tablist: arrow keys move between tabs, Enter/Space or a
 * click switches). The shell mounts it above the lab and re-renders on a switch.
 */
import type { LabKind } from '../shared/protocol';
import { h } from './dom';

export const LAB_TITLES: Record<LabKind, string> = { conv: 'Convolution', optimizer: 'Optimizer', flow: 'Flow' };

export function switcher(current: LabKind, onSwitch: (lab: LabKind) => void): HTMLElement {
  const labs = Object.keys(LAB_TITLES) as LabKind[];
  const tabs = labs.map((lab) => {
    const selected = lab === current;
    const tab = h(
      'button',
      { type: 'button', role: 'tab', id: `lab-tab-${lab}`, 'aria-selected': selected ? 'true' : 'false', tabindex: selected ? '0' : '-1' },
      LAB_TITLES[lab],
    );
    tab.addEventListener('click', () => {
      if (lab !== current) onSwitch(lab);
    });
    return tab;
  });
  const list = h('div', { class: 'lab-switcher', role: 'tablist', 'aria-label': 'Labs' }, ...tabs);
  list.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const j =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i + tabs.length - 1) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (j < 0) return;
    e.preventDefault();
    tabs[j].focus();
  });
  return list;
}
