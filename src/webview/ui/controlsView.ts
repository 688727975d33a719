// What-if controls: one row per setting with a slider and an exact text field (the file's value
// shown as the placeholder), and "Apply to file". A change calls back with the new what-if.
import { byteStringAs } from '../../core/size';
import { WhatIf, WhatIfControl, sliderRange, sliderValue, valueOfSlider } from '../whatIf';
import { clear, h } from './dom';

const mib = (v: string): number | undefined => {
  const r = byteStringAs(v.trim(), 'MiB');
  return r.ok ? r.value * 2 ** 20 : undefined;
};

export interface ControlsCallbacks {
  change(next: WhatIf): void;
  apply(): void;
  reset(): void;
}

export class ControlsView {
  readonly el = h('section', { class: 'whatif', 'aria-label': 'What-if settings' });
  private readonly status = h('p', { class: 'applied', 'data-testid': 'applied', 'aria-live': 'polite' });
  private whatIf: Record<string, string> = {};

  constructor(private readonly cb: ControlsCallbacks) {}

  /** `effective`: each setting's value in the file's layout (defaults included), where a control starts. */
  render(
    controls: readonly WhatIfControl[],
    fileValues: Readonly<Record<string, string | undefined>>,
    effective: Readonly<Record<string, string | undefined>>,
    whatIf: WhatIf,
    canApply: boolean,
  ): void {
    this.whatIf = { ...whatIf };
    clear(this.el);
    this.el.append(h('h2', {}, 'What if'));
    const grid = h('div', { class: 'controls' });
    for (const c of controls) grid.append(this.row(c, fileValues[c.key], effective[c.key], whatIf[c.key]));
    const apply = h(
      'button',
      { 'data-testid': 'apply', disabled: !canApply || Object.keys(this.whatIf).length === 0 },
      'Apply to file',
    );
    apply.addEventListener('click', () => this.cb.apply());
    const reset = h(
      'button',
      { class: 'secondary', 'data-testid': 'whatif-reset', disabled: Object.keys(this.whatIf).length === 0 },
      'Back to the file’s values',
    );
    reset.addEventListener('click', () => this.cb.reset());
    this.el.append(grid, h('div', { class: 'buttons' }, apply, reset), this.status);
  }

  /** No config: no controls (they would edit a file no longer shown). */
  clear(): void {
    clear(this.el);
    this.status.textContent = '';
  }

  /** The outcome of Apply, in the foreground colour (an icon says which): 4.5:1 in every theme. */
  showApplied(ok: boolean, message: string): void {
    this.status.textContent = message === '' ? '' : `${ok ? '✓' : '✗'} ${message}`;
    this.status.className = ok ? 'applied ok' : 'applied error';
  }

  private set(key: string, value: string | undefined): void {
    const next = Object.fromEntries(Object.entries(this.whatIf).filter(([k]) => k !== key));
    if (value !== undefined && value.trim() !== '') next[key] = value.trim();
    this.whatIf = next;
    this.cb.change(next);
  }

  private row(
    c: WhatIfControl,
    fileValue: string | undefined,
    effective: string | undefined,
    value: string | undefined,
  ): HTMLElement {
    const id = `wi-${c.key.replace(/[^\w]/g, '_')}`;
    const current = value ?? effective ?? fileValue;
    const label = h('label', { for: id }, c.label);
    const cell = (note: HTMLElement) => h('div', { class: 'control-label' }, label, note);
    const fileNote = h(
      'span',
      { class: 'file-value' },
      fileValue !== undefined
        ? `file: ${fileValue}`
        : `file: default${effective !== undefined ? ` (${effective})` : ''}`,
    );
    if (c.kind === 'boolean') {
      const box = h('input', {
        type: 'checkbox',
        id,
        'data-testid': `whatif-${c.key}`,
        checked: (current ?? 'false').trim().toLowerCase() === 'true',
      });
      box.addEventListener('change', () => this.set(c.key, box.checked ? 'true' : 'false'));
      return h('div', { class: value !== undefined ? 'control changed' : 'control' }, cell(fileNote), box);
    }
    const pos = sliderValue(c, current, mib);
    const range = sliderRange(c);
    const slider = h('input', {
      type: 'range',
      min: range.min,
      max: range.max,
      step: range.step,
      value: pos ?? range.min,
      'aria-label': `${c.label} slider`,
      'data-testid': `whatif-${c.key}-slider`,
    });
    const text = h('input', {
      type: 'text',
      id,
      value: value ?? '',
      placeholder: fileValue ?? effective ?? 'default',
      'data-testid': `whatif-${c.key}`,
      spellcheck: 'false',
      size: 10,
    });
    slider.addEventListener('input', () => {
      text.value = valueOfSlider(c, Number(slider.value));
      slider.setAttribute('aria-valuetext', text.value);
      this.set(c.key, text.value);
    });
    if (current !== undefined) slider.setAttribute('aria-valuetext', current);
    // The slider follows what is typed (the file's value when the box is emptied), so the two never disagree.
    const typed = () => {
      const p = sliderValue(c, text.value.trim() === '' ? (effective ?? fileValue) : text.value, mib);
      if (p !== undefined) slider.value = String(p);
      slider.setAttribute('aria-valuetext', text.value.trim() === '' ? (effective ?? fileValue ?? '') : text.value);
      this.set(c.key, text.value);
    };
    text.addEventListener('change', typed);
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') typed();
    });
    return h('div', { class: value !== undefined ? 'control changed' : 'control' }, cell(fileNote), slider, text);
  }
}
