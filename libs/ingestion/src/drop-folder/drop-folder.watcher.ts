import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IngestCommuniqueCommand } from '../communiques/ingest-communique/ingest-communique.command';
import { CommuniqueRejected, MAX_COMMUNIQUE_BYTES } from '../normalise';
import {
  DONE_DIR,
  ERROR_NOTE_SUFFIX,
  REFUSED_DIR,
  classifyName,
  dropFolderSettings,
  freeName,
  isStable,
  unknownTypeReason,
  type DropFolderSettings,
  type FileSnapshot,
} from './drop-folder.rules';

/**
 * Watches the drop folder (INGEST_DROP_DIR): every stable file with a known extension is ingested through
 * IngestCommuniqueCommand (source kind `folder`, named after the file), then moved to `traités/` (new or
 * duplicate) or `refusés/` (with `<name>.erreur.txt` saying why). Polling is the source of truth; fs.watch
 * only wakes the scan earlier. One file at a time; a crash between ingest and move only means the next scan
 * ingests the same bytes again, which the command answers as a duplicate.
 */
@Injectable()
export class DropFolderWatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DropFolder');
  private readonly settings: DropFolderSettings;
  private readonly seen = new Map<string, FileSnapshot>();
  private timer: NodeJS.Timeout | null = null;
  private watcher: FSWatcher | null = null;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  private stopped = false;
  /** How many scans have completed (tests wait on it rather than on the clock). */
  scans = 0;

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.settings = dropFolderSettings(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { dir, pollMs } = this.settings;
    if (!dir) {
      this.logger.log('Drop folder off (INGEST_DROP_DIR is not set).');
      return;
    }
    for (const folder of [dir, path.join(dir, DONE_DIR), path.join(dir, REFUSED_DIR)]) await mkdir(folder, { recursive: true });
    try {
      this.watcher = watch(dir, { persistent: false }, () => this.wake());
      this.watcher.on('error', () => this.closeWatcher());
    } catch {
      this.watcher = null; // not available here (some network drives): polling alone will do
    }
    this.timer = setInterval(() => this.wake(), pollMs);
    this.timer.unref();
    this.logger.log(`Watching drop folder ${dir} every ${pollMs} ms.`);
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.closeWatcher();
    await this.running; // the file in hand is finished before the database goes away
  }

  private closeWatcher(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  /** Runs a scan now, or right after the one in progress. */
  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.running = this.scan()
      .catch((error: unknown) => this.logger.error(`Drop folder scan failed: ${describe(error)}`))
      .finally(() => {
        this.running = null;
        this.scans++;
        if (this.wakeRequested) {
          this.wakeRequested = false;
          this.wake();
        }
      });
  }

  private async scan(): Promise<void> {
    const dir = this.settings.dir as string;
    const entries = await readdir(dir, { withFileTypes: true });
    const present = new Set<string>();
    for (const entry of entries) {
      if (this.stopped) return;
      if (!entry.isFile()) continue;
      const candidate = classifyName(entry.name);
      if (candidate.kind === 'ignored') continue;
      const file = path.join(dir, entry.name);
      let current: FileSnapshot;
      try {
        const stats = await stat(file);
        current = { size: stats.size, mtimeMs: stats.mtimeMs };
      } catch {
        continue; // gone meanwhile
      }
      present.add(entry.name);
      const previous = this.seen.get(entry.name);
      this.seen.set(entry.name, current);
      if (!isStable(previous, current, Date.now())) continue;
      try {
        await this.handle(entry.name, candidate.kind === 'communique' ? candidate.mediaType : null, current);
        this.seen.delete(entry.name);
        present.delete(entry.name);
      } catch (error) {
        // Not the file's fault (database down…): left in place, tried again on a later scan.
        this.logger.error(`Could not handle ${entry.name}, will retry: ${describe(error)}`);
      }
    }
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
  }

  private async handle(name: string, mediaType: string | null, snapshot: FileSnapshot): Promise<void> {
    if (!mediaType) return this.refuse(name, unknownTypeReason(name));
    if (snapshot.size > MAX_COMMUNIQUE_BYTES) {
      return this.refuse(name, `Le communiqué dépasse ${MAX_COMMUNIQUE_BYTES / 1024 / 1024} Mo.`);
    }
    const raw = await readFile(path.join(this.settings.dir as string, name));
    try {
      const result = await this.commandBus.execute(
        new IngestCommuniqueCommand({ raw, contentType: mediaType, sourceKind: 'folder', sourceName: name, receivedBy: 'folder' }),
      );
      const moved = await this.move(name, DONE_DIR);
      this.logger.log(`${name}: ${result.duplicate ? 'already ingested' : 'ingested'} as ${result.communiqueId}, moved to ${DONE_DIR}/${moved}.`);
    } catch (error) {
      if (!(error instanceof CommuniqueRejected)) throw error;
      await this.refuse(name, error.message);
    }
  }

  private async refuse(name: string, reason: string): Promise<void> {
    const moved = await this.move(name, REFUSED_DIR);
    await writeFile(path.join(this.settings.dir as string, REFUSED_DIR, `${moved}${ERROR_NOTE_SUFFIX}`), `${reason}\n`, 'utf8');
    this.logger.warn(`${name} refused, moved to ${REFUSED_DIR}/${moved}: ${reason}`);
  }

  /** Moves the file into a sub-folder under a free name; returns that name. */
  private async move(name: string, subfolder: string): Promise<string> {
    const dir = this.settings.dir as string;
    const target = path.join(dir, subfolder);
    const existing = new Set(await readdir(target));
    const finalName = freeName(name, (candidate) => existing.has(candidate) || existing.has(`${candidate}${ERROR_NOTE_SUFFIX}`), new Date());
    await rename(path.join(dir, name), path.join(target, finalName));
    return finalName;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
