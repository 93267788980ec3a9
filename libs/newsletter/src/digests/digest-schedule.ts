/**
 * When digests are due, as pure functions of an instant: the daily digest at `hour` every day and the weekly
 * one at `hour` on `weekday` (1 Monday … 7 Sunday), local time of `timeZone` (Europe/Paris by default, summer
 * time included). A period is named by its local date, which makes the mailing key: one digest per
 * subscriber per period.
 */
export interface DigestSchedule {
  hour: number;
  /** ISO weekday of the weekly digest: 1 Monday … 7 Sunday. */
  weekday: number;
  timeZone: string;
}

export type DigestKind = 'daily-digest' | 'weekly-digest';

export interface DigestPeriod {
  kind: DigestKind;
  /** `daily-digest:2024-05-02`: the mailing's key. */
  key: string;
  /** The local date the digest goes out. */
  localDate: string;
  /** The instant it is due: articles published up to here are in it. */
  end: Date;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(instant: Date, timeZone: string): LocalParts {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The instant at which the local clock of `timeZone` reads `hour`:00 on that local date (the first such instant on a DST change). */
export function zonedInstant(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const p = localParts(new Date(guess), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    if (seen === wanted) break;
    guess += wanted - seen;
  }
  return new Date(guess);
}

const isoDate = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The latest period of `kind` whose time has come at `now` (its end is at or before now). */
export function latestDuePeriod(kind: DigestKind, now: Date, schedule: DigestSchedule): DigestPeriod {
  const today = localParts(now, schedule.timeZone);
  // Walk back over local calendar days (at most 8) to the latest one that is a digest day with its hour passed.
  for (let back = 0; back <= 8; back++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
    if (kind === 'weekly-digest' && isoWeekday !== schedule.weekday) continue;
    const end = zonedInstant(y, m, d, schedule.hour, schedule.timeZone);
    if (end.getTime() > now.getTime()) continue;
    const localDate = isoDate(y, m, d);
    return { kind, key: `${kind}:${localDate}`, localDate, end };
  }
  throw new Error(`no ${kind} period found before ${now.toISOString()}`);
}

/** The schedule of the configuration: NEWSLETTER_DIGEST_HOUR (7), NEWSLETTER_WEEKLY_DIGEST_DAY (1, Monday), NEWSLETTER_TIME_ZONE (Europe/Paris). */
export function digestScheduleOf(config: { NEWSLETTER_DIGEST_HOUR?: number; NEWSLETTER_WEEKLY_DIGEST_DAY?: number; NEWSLETTER_TIME_ZONE?: string }): DigestSchedule {
  return { hour: config.NEWSLETTER_DIGEST_HOUR ?? 7, weekday: config.NEWSLETTER_WEEKLY_DIGEST_DAY ?? 1, timeZone: config.NEWSLETTER_TIME_ZONE ?? 'Europe/Paris' };
}
