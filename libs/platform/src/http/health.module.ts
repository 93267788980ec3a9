import { Controller, Get, Injectable, Logger, Module, ServiceUnavailableException, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, { ok: boolean; detail?: string }>;
}

const CHECK_TIMEOUT_MS = 3_000;

/** `SELECT 1` on every DataSource of the app (four in the standalone host). */
function databaseCheck(dataSources: DataSource[]): ReadinessCheck {
  const nameOf = (dataSource: DataSource) => String((dataSource.options as { schema?: string }).schema ?? dataSource.name);
  return {
    name: 'database',
    async check() {
      const failures = (
        await Promise.all(
          dataSources.map((dataSource) =>
            dataSource.query('SELECT 1').then(
              () => null,
              (error: Error) => `${nameOf(dataSource)}: ${error.message}`,
            ),
          ),
        )
      ).filter((failure) => failure !== null);
      return failures.length ? { ok: false, detail: failures.join('; ') } : { ok: true, detail: dataSources.map(nameOf).join(', ') };
    },
  };
}

async function run(check: ReadinessCheck): Promise<{ ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: boolean; detail: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.check(), timeout]);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
class HealthService implements OnApplicationBootstrap {
  private checks: ReadinessCheck[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  // Nest has no multi-providers: every module's READINESS_CHECKS provider is found here instead.
  onApplicationBootstrap(): void {
    const providers = this.discovery.getProviders().filter((wrapper) => wrapper.isDependencyTreeStatic() && wrapper.instance);
    const dataSources = [...new Set(providers.map((wrapper) => wrapper.instance).filter((instance) => instance instanceof DataSource))];
    const registered = providers.filter((wrapper) => wrapper.token === READINESS_CHECKS).flatMap((wrapper) => [wrapper.instance as ReadinessCheck | ReadinessCheck[]].flat());
    this.checks = [...(dataSources.length ? [databaseCheck(dataSources)] : []), ...registered];
  }

  async report(): Promise<HealthReport> {
    const results = await Promise.all(this.checks.map(async (check) => [check.name, await run(check)] as const));
    return { status: results.every(([, result]) => result.ok) ? 'ok' : 'error', checks: Object.fromEntries(results) };
  }
}

@ApiTags('health')
@Controller('health')
class HealthController {
  private readonly logger = new Logger('Health');

  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ description: 'Every check passed.' })
  @ApiServiceUnavailableResponse({ description: 'At least one check failed; `checks` says which and why.' })
  async get(): Promise<HealthReport> {
    const report = await this.health.report();
    if (report.status === 'ok') return report;
    this.logger.warn({ msg: 'not ready', checks: report.checks });
    throw new ServiceUnavailableException(report);
  }
}

/** GET /health: `{ status, checks }`, 200 when every check passes, 503 otherwise. */
@Module({ imports: [DiscoveryModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
