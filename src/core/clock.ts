import { Quantity } from '../units/index.ts';
import { SECOND, toSeconds, type TimeLike } from './quantities.ts';

let clockCounter = 0;

/**
 * A time step. Objects on the same clock run in lockstep; a network with
 * several clocks runs on the finest one and ticks the others every
 * ratio-th step (their dt must be a multiple of it).
 */
export class Clock {
  readonly name: string;
  private dtSeconds: number;

  constructor(dt: TimeLike, name?: string) {
    this.name = name ?? (clockCounter++ === 0 ? 'clock' : `clock_${clockCounter - 1}`);
    this.dtSeconds = checkDt(toSeconds(dt, 'dt'));
  }

  get dt(): Quantity {
    return new Quantity(this.dtSeconds, SECOND);
  }
  set dt(value: TimeLike) {
    this.dtSeconds = checkDt(toSeconds(value, 'dt'));
  }
  /** dt in seconds. */
  get dt_(): number {
    return this.dtSeconds;
  }
}

function checkDt(dt: number): number {
  if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`dt must be a positive, finite duration, got ${dt} s`);
  return dt;
}

/** The clock objects use unless given another (Brian2's defaultclock, 0.1 ms). */
export const defaultclock = new Clock(new Quantity(1e-4, SECOND), 'defaultclock');

/** Brian2's Clock._calc_timestep: nearest step if within 1e-4·dt, else the next one. */
export function calcTimestep(t: number, dt: number): number {
  const nearest = Math.round(t / dt);
  const nearestT = nearest * dt;
  if (nearestT === t || Math.abs(nearestT - t) / dt <= 1e-4) return nearest;
  return Math.ceil(t / dt);
}
