import path from 'node:path';
import type { BaseConfig } from '@newsroom/platform';
import { mediaTypeFromName } from '../normalise';

/** Sub-folders of the drop folder: where a file goes once handled. */
export const DONE_DIR = 'traités';
export const REFUSED_DIR = 'refusés';
/** Suffix of the note left beside a refused file. */
export const ERROR_NOTE_SUFFIX = '.erreur.txt';
/** A file is taken only when it was last modified at least this long ago. */
export const MIN_FILE_AGE_MS = 1000;

export interface DropFolderSettings {
  /** Absolute path of the watched folder, or null: the feature is off. */
  dir: string | null;
  /** Scan interval in milliseconds. */
  pollMs: number;
}

/** The folder (absolute; null: off) and the scan interval, from INGEST_DROP_DIR and INGEST_DROP_POLL_MS (checked by the platform config). */
export function dropFolderSettings(config: Pick<BaseConfig, 'INGEST_DROP_DIR' | 'INGEST_DROP_POLL_MS'>): DropFolderSettings {
  return { dir: config.INGEST_DROP_DIR ? path.resolve(config.INGEST_DROP_DIR) : null, pollMs: config.INGEST_DROP_POLL_MS };
}

/** What the watcher makes of a name found in the drop folder. */
export type Candidate = { kind: 'ignored' } | { kind: 'communique'; mediaType: string } | { kind: 'unknown-type' };

const TEMPORARY_SUFFIXES = ['.tmp', '.part', '.crdownload'];

/** Hidden files, office lock files (`~$…`) and partial downloads are left alone; other names are typed by extension. */
export function classifyName(name: string): Candidate {
  const lower = name.toLowerCase();
  if (name.startsWith('.') || name.startsWith('~$')) return { kind: 'ignored' };
  if (TEMPORARY_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return { kind: 'ignored' };
  const mediaType = mediaTypeFromName(name);
  return mediaType ? { kind: 'communique', mediaType } : { kind: 'unknown-type' };
}

/** What a scan saw of a file. */
export interface FileSnapshot {
  size: number;
  mtimeMs: number;
}

/**
 * A file is stable, hence ready to be taken, when the previous scan saw it with the same size and modification
 * time and it was last modified at least `minAgeMs` ago. A file seen for the first time is never stable.
 */
export function isStable(previous: FileSnapshot | undefined, current: FileSnapshot, nowMs: number, minAgeMs = MIN_FILE_AGE_MS): boolean {
  if (!previous) return false;
  if (previous.size !== current.size || previous.mtimeMs !== current.mtimeMs) return false;
  return nowMs - current.mtimeMs >= minAgeMs;
}

function timestamp(now: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-` +
    `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}-${pad(now.getMilliseconds(), 3)}`
  );
}

/**
 * The name under which a file goes into a folder where `taken(name)` tells which names exist: the name itself
 * when free, else the name with a timestamp before its extension (`communiqué-20240501-143000-123.txt`), then
 * `-2`, `-3`… should that be taken too.
 */
export function freeName(name: string, taken: (candidate: string) => boolean, now: Date): string {
  if (!taken(name)) return name;
  const extension = path.extname(name);
  const base = name.slice(0, name.length - extension.length);
  const stamped = `${base}-${timestamp(now)}`;
  if (!taken(`${stamped}${extension}`)) return `${stamped}${extension}`;
  for (let n = 2; ; n++) {
    const next = `${stamped}-${n}${extension}`;
    if (!taken(next)) return next;
  }
}

/** The French note for a file whose extension is not one the ingestion reads. */
export function unknownTypeReason(name: string): string {
  return `Format non pris en charge : « ${name} ». Formats acceptés : texte brut (.txt), HTML (.html, .htm, .xhtml) et Word (.docx).`;
}
