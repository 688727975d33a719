// Plays one WorkloadRun: in requestAnimationFrame chunks (events per frame × speed), one step at a
// time, or to the end at once; reports each snapshot and the final result.
import type { SimResult } from '../core/workload/types';
import type { RunHandle } from './engine';

/** Events a frame runs at speed 1 (presets have a few hundred: a run plays in a few seconds). */
export const EVENTS_PER_FRAME = 2;
/** Events one press of Step runs. */
export const STEP_EVENTS = 20;

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
