import { millisToInstant } from './time';

/** "Now" comes from here, so tests and importers can write revisions at chosen instants. */
export abstract class Clock {
  abstract now(): string;
}

export class SystemClock extends Clock {
  now(): string {
    return millisToInstant(Date.now());
  }
}

/** A clock tests can set and advance. */
export class FixedClock extends Clock {
  private ms: number;
  constructor(start: string | number = Date.UTC(2020, 0, 1)) {
    super();
    this.ms = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): string {
    return millisToInstant(this.ms);
  }
  set(instant: string): void {
    this.ms = Date.parse(instant);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}
