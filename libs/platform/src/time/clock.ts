/**
 * The time, as the services see it. Everything that compares with "now" (embargoes, schedules, digests,
 * token expiry in handlers) asks the injected Clock, so tests can hold time still or move it on.
 * Provided globally by ConfigModule (the system clock); tests override it with a ManualClock.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that moves only when told: `set` and `advance`. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | string = new Date()) {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
