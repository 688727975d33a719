// Plays one WorkloadRun: in requestAnimationFrame chunks (events per frame × speed), one step at a
// time, or to the end at once; reports each snapshot and the final result.
import type { SimResult } from '../core/workload/types';
import type { RunHandle } from './engine';

/** Events a frame runs at speed 1 (presets have a few hundred: a run plays in a few seconds). */
export const EVENTS_PER_FRAME = 2;
/** Events one press of Step runs. */
export const STEP_EVENTS = 20;
/**
 * Run to end: milliseconds of work per slice before the panel gets the thread back (a frame is
 * 16 ms), and events between two looks at the clock. A long run never freezes the panel, shows
 * its progress and can be stopped.
 */
export const SLICE_MS = 12;
export const SLICE_EVENTS = 2000;

export interface PlayerEvents {
  show(r: SimResult): void;
  status(s: string): void;
  /** Playing, paused, finished or reloaded: the buttons follow. */
  changed(): void;
}

export class Player {
  private run: RunHandle | undefined;
  private done: SimResult | undefined;
  private started = false;
  private playing = false;
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ev: PlayerEvents,
    private readonly speed: () => number,
  ) {}

  get loaded(): boolean {
    return this.run !== undefined;
  }
  /** True once the loaded run reached its end: playing again needs a fresh run. */
  get finished(): boolean {
    return this.done !== undefined;
  }
  get isPlaying(): boolean {
    return this.playing;
  }
  get isStarted(): boolean {
    return this.started;
  }
  get result(): SimResult | undefined {
    return this.done;
  }

  /** Replaces the run (undefined: none), stopped and not started. */
  load(run: RunHandle | undefined): void {
    this.stop();
    this.run = run;
    this.done = undefined;
    this.started = false;
    this.ev.changed();
  }

  snapshot(): SimResult | undefined {
    return this.done ?? this.run?.snapshot();
  }

  play(): void {
    const run = this.run;
    if (run === undefined || this.done !== undefined || this.playing) return;
    this.playing = true;
    this.started = true;
    this.ev.status('Playing…');
    this.ev.changed();
    const tick = () => {
      if (!this.playing || this.run !== run) return;
      if (run.step(Math.max(1, Math.round(EVENTS_PER_FRAME * this.speed())))) {
        this.ev.show(run.snapshot());
        this.frame = requestAnimationFrame(tick);
      } else this.finish();
    };
    this.frame = requestAnimationFrame(tick);
  }

  pause(): void {
    if (!this.playing) return;
    this.stop();
    this.ev.status('Paused.');
  }

  stop(): void {
    this.playing = false;
    cancelAnimationFrame(this.frame);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.ev.changed();
  }

  step(): void {
    const run = this.run;
    if (run === undefined || this.done !== undefined) return;
    this.stop();
    this.started = true;
    if (run.step(STEP_EVENTS)) {
      const snap = run.snapshot();
      this.ev.show(snap);
      this.ev.status(`Stepped to ${(snap.summary.durationMs / 1000).toFixed(3)} s`);
    } else this.finish();
  }

  runToEnd(): void {
    const run = this.run;
    if (run === undefined || this.done !== undefined) return;
    this.stop();
    this.started = true;
    this.playing = true;
    this.ev.status('Running to the end…');
    this.ev.changed();
    const slice = () => {
      if (!this.playing || this.run !== run) return;
      const until = performance.now() + SLICE_MS;
      let more = true;
      while (more && performance.now() < until) more = run.step(SLICE_EVENTS);
      if (!more) {
        this.finish();
        return;
      }
      const snap = run.snapshot();
      this.ev.show(snap);
      this.ev.status(
        `Running… ${snap.summary.events} events, ${(snap.summary.durationMs / 1000).toFixed(2)} simulated s`,
      );
      // A macrotask, not a frame: a hidden panel gets no frames, and the run should still end.
      this.frame = 0;
      this.timer = setTimeout(slice, 0);
    };
    this.timer = setTimeout(slice, 0);
  }

  /** Runs to the end at once (an export that needs the whole run now; the engine's work budget bounds it). */
  finishNow(): void {
    if (this.run === undefined) return;
    this.stop();
    this.started = true;
    this.finish();
  }

  private finish(): void {
    if (this.run === undefined) return;
    this.playing = false;
    const r = this.run.result();
    this.done = r;
    this.ev.show(r);
    this.ev.status(
      `Finished ${r.scenario}: ${r.summary.events} events, ${r.summary.spillCount} spills, ${r.summary.evictedBlocks} evictions in ${(r.summary.durationMs / 1000).toFixed(2)} simulated s`,
    );
    this.ev.changed();
  }
}
