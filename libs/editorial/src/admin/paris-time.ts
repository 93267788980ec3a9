/**
 * The office's clock: `<input type="datetime-local">` values are Paris wall-clock times; they are stored in UTC.
 */
const TIME_ZONE = 'Europe/Paris';
const PARTS = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

function wallClock(at: Date): { y: number; mo: number; d: number; h: number; mi: number } {
  const part = (type: string) => Number(PARTS.formatToParts(at).find((p) => p.type === type)?.value);
  return { y: part('year'), mo: part('month'), d: part('day'), h: part('hour'), mi: part('minute') };
}

/** "2026-03-03T09:00" in Paris → the instant. Null for anything else. Times skipped by the spring change move forward. */
export function parisLocalToInstant(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi] = match.slice(1).map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(asUtc)) return null;
  // Paris is UTC+1 or UTC+2: try both offsets and keep the one whose wall clock matches.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const wall = wallClock(candidate);
    if (wall.y === y && wall.mo === mo && wall.d === d && wall.h === h && wall.mi === mi) return candidate;
  }
  return new Date(asUtc - 3_600_000);
}

/** The instant as a Paris "YYYY-MM-DDTHH:mm", for a datetime-local input. */
export function instantToParisLocal(at: Date | string): string {
  const wall = wallClock(new Date(at));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${wall.y}-${two(wall.mo)}-${two(wall.d)}T${two(wall.h)}:${two(wall.mi)}`;
}
