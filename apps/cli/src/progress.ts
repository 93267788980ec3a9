import type { Tally } from './format';

export interface ProgressState extends Tally {
  /** Items in the batch. */
  total: number;
  /** Milliseconds since the batch started. */
  elapsedMs: number;
}

const BAR_WIDTH = 10;

/** `[###-------] 12/40  30 %  ✓ 10  ≡ 1  ✗ 1  ETA 8 s`. Pure. */
export function progressText({ total, created, duplicates, failed, elapsedMs }: ProgressState): string {
  const done = Math.min(created + duplicates + failed, total);
  const ratio = total > 0 ? done / total : 1;
  const filled = Math.floor(ratio * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const percent = Math.floor(ratio * 100);
  return `${bar} ${done}/${total}  ${percent} %  ✓ ${created}  ≡ ${duplicates}  ✗ ${failed}  ETA ${eta(done, total, elapsedMs)}`;
}

/** The time left at the pace so far: `--` before the first item, `8 s`, `2 min 05 s`. */
function eta(done: number, total: number, elapsedMs: number): string {
  if (done === 0) return '--';
  const seconds = Math.ceil(((elapsedMs / done) * (total - done)) / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Where the bar goes: stderr, and whether it is a terminal. */
export interface ProgressTerminal {
  isTTY: boolean;
  write(text: string): void;
}

/**
 * A single updating line on a terminal (carriage return, cleared at the end); nothing at all when the
 * terminal is not one (CI, pipes) or when there is only one item.
 */
export class ProgressBar {
  private readonly enabled: boolean;
  private readonly started: number;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly terminal: ProgressTerminal | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.enabled = total > 1 && terminal?.isTTY === true;
    this.started = now();
  }

  /** Draws the bar for the tally so far. */
  draw(tally: Tally): void {
    if (!this.enabled || !this.terminal) return;
    this.terminal.write(`\r\u001b[2K${progressText({ ...tally, total: this.total, elapsedMs: this.now() - this.started })}`);
    this.shown = true;
  }

  /** Erases the bar (before a line is printed, and at the end). */
  clear(): void {
    if (!this.shown || !this.terminal) return;
    this.terminal.write('\r\u001b[2K');
    this.shown = false;
  }
}
