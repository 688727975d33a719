// The simulation's transport: the scenario picker (presets, scenario files the host sent, and
// "From file…"), play / pause / step / reset and the speed.
import type { ScenarioRef } from '../../shared/protocol';
import type { Preset } from '../engine';
import { clear, h } from './dom';

export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 50, 200, 1000];

export interface TransportCallbacks {
  /** A preset or file scenario was chosen (undefined: none). */
  choose(ref: ScenarioRef | undefined): void;
  pickFile(): void;
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  speed(s: number): void;
}

type FileScenario = Extract<ScenarioRef, { source: 'file' }>;

export class TransportView {
  readonly el: HTMLElement;
  private readonly select = h('select', { id: 'scenario', 'data-testid': 'scenario', 'aria-label': 'Scenario' });
  private readonly speedSelect = h('select', { id: 'speed', 'data-testid': 'speed', 'aria-label': 'Speed' });
  private readonly buttons = {
    play: h('button', { 'data-testid': 'play', 'aria-label': 'Play' }, '▶ Play'),
    pause: h('button', { 'data-testid': 'pause', 'aria-label': 'Pause' }, 'Pause'),
    step: h('button', { 'data-testid': 'step', 'aria-label': 'Step' }, 'Step'),
    reset: h('button', { 'data-testid': 'reset', 'aria-label': 'Reset' }, '⟲ Reset'),
  };
  private files: FileScenario[] = [];
  /** The chosen scenario's description, on screen (not only in a tooltip). */
  private readonly description = h('p', { class: 'scenario-desc', 'data-testid': 'scenario-description' });

  constructor(
    private readonly presets: readonly Preset[],
    speed: number,
    cb: TransportCallbacks,
  ) {
    for (const s of SPEEDS) this.speedSelect.append(h('option', { value: s, selected: s === speed }, `${s}×`));
    this.speedSelect.addEventListener('change', () => cb.speed(Number(this.speedSelect.value) || 1));
    this.select.addEventListener('change', () => {
      const v = this.select.value;
      if (v === 'pick') cb.pickFile();
      else if (v.startsWith('preset:')) cb.choose({ source: 'preset', id: v.slice(7) });
      else if (v.startsWith('file:')) cb.choose(this.files.find((f) => f.fileName === v.slice(5)));
      else cb.choose(undefined);
    });
    this.buttons.play.addEventListener('click', () => cb.play());
    this.buttons.pause.addEventListener('click', () => cb.pause());
    this.buttons.step.addEventListener('click', () => cb.step());
    this.buttons.reset.addEventListener('click', () => cb.reset());
    this.el = h(
      'div',
      { class: 'transport', role: 'group', 'aria-label': 'Simulation controls' },
      h('label', { for: 'scenario' }, 'Scenario'),
      this.select,
      this.buttons.play,
      this.buttons.pause,
      this.buttons.step,
      this.buttons.reset,
      h('label', { for: 'speed' }, 'Speed'),
      this.speedSelect,
      this.description,
    );
  }

  /** Shows what the chosen scenario does ('' hides it). */
  describe(text: string): void {
    this.description.textContent = text;
    this.description.hidden = text === '';
  }

  /** Remembers a scenario file the host sent (the five most recent are offered). */
  addFile(s: FileScenario): void {
    this.files = [s, ...this.files.filter((x) => x.fileName !== s.fileName)].slice(0, 5);
  }

  /** Redraws the picker with `selected` chosen. */
  render(selected: ScenarioRef | undefined): void {
    clear(this.select);
    this.select.append(h('option', { value: '', selected: selected === undefined }, 'Choose a scenario…'));
    const group = h('optgroup', { label: 'Presets' });
    for (const p of this.presets)
      group.append(
        h(
          'option',
          {
            value: `preset:${p.id}`,
            title: p.description,
            selected: selected?.source === 'preset' && selected.id === p.id,
          },
          p.title,
        ),
      );
    this.select.append(group);
    if (this.files.length > 0) {
      const files = h('optgroup', { label: 'Files' });
      for (const f of this.files)
        files.append(
          h(
            'option',
            { value: `file:${f.fileName}`, selected: selected?.source === 'file' && selected.fileName === f.fileName },
            f.fileName,
          ),
        );
      this.select.append(files);
    }
    this.select.append(h('option', { value: 'pick' }, 'From file…'));
  }

  buttonsState(canRun: boolean, playing: boolean): void {
    this.buttons.play.disabled = !canRun || playing;
    this.buttons.pause.disabled = !playing;
    this.buttons.step.disabled = !canRun;
    this.buttons.reset.disabled = !canRun;
  }
}
