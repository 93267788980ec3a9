// Holds docker-compose.yml, deploy/nginx.conf and the Dockerfile to the code, without Docker: the compose
// file is only read, so a renamed app, a new required variable or a moved port breaks this test, not a deploy.
import { SERVICES, type ServiceName } from '@newsroom/contracts';
import { CONFIG_VARIABLES, distributedConfigSchema, loadConfig } from '@newsroom/platform';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/**
 * Variables a service may receive beyond CONFIG_VARIABLES, each with the reason. Nothing reads them yet,
 * so each entry is a promise: when the code reads one, it belongs in the service's config schema
 * (`distributedConfigSchema(port).extend({...})`) and this list shrinks.
 */
const SERVICE_VARIABLES: Partial<Record<ServiceName, Record<string, string>>> = {};

type Environment = Record<string, string | number | boolean | null> | string[];
interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Environment;
  ports?: (string | number | { published?: string | number; target?: number })[];
  volumes?: (string | object)[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: unknown;
}
interface Compose {
  services: Record<string, ComposeService>;
}

/** `${VAR:-default}` and `${VAR-default}` become the default, `${VAR}` nothing (unset), `$$` a `$`: what compose does with an empty shell. */
/**
 * What the operator exports before `docker compose up`: compose refuses to start while a `${NAME:?why}`
 * variable is unset, so the file never ships a default secret.
 */
const OPERATOR_ENV: Record<string, string> = { APP_SECRET: 'an-operator-chosen-secret-of-32-characters-or-more' };

function interpolate(value: string): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name: string, operator: string | undefined, fallback: string) => {
    if (match === '$$') return '$';
    if (operator?.endsWith('?')) {
      if (OPERATOR_ENV[name] === undefined) throw new Error(`compose refuses to start without ${name}: ${fallback}`);
      return OPERATOR_ENV[name];
    }
    return operator ? String(fallback) : '';
  });
}

/** A service's environment as compose hands it to the process (map or `KEY=value` list, values as strings). */
function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value)]));
}

function commandOf(service: ComposeService): string[] {
  const command = service.command ?? [];
  return Array.isArray(command) ? command : command.split(/\s+/).filter(Boolean);
}

/** `8080:80`, `127.0.0.1:8080:80/tcp` or `{ published, target }` -> { published: 8080, target: 80 }. */
function portMappings(service: ComposeService): { published: number; target: number }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return { published: Number(port.published), target: Number(port.target) };
    const parts = String(port).replace(/\/\w+$/, '').split(':');
    const target = Number(parts[parts.length - 1]);
    return { published: parts.length > 1 ? Number(parts[parts.length - 2]) : target, target };
  });
}

/** `upstream editorial { server editorial:3002; ... }` -> { editorial: ['editorial:3002'] }. */
function nginxUpstreams(conf: string): Record<string, string[]> {
  const upstreams: Record<string, string[]> = {};
  for (const [, name, body] of conf.matchAll(/upstream\s+(\S+)\s*\{([^}]*)\}/g)) {
    upstreams[name] = [...body.matchAll(/(?:^|;|\s)server\s+([^\s;]+)/g)].map(([, address]) => address);
  }
  return upstreams;
}

const withoutComments = (text: string) => text.replace(/#.*$/gm, '');

describe('docker-compose.yml against the code', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
  const services = compose.services;
  const nginx = withoutComments(read('deploy/nginx.conf'));
  const dockerfile = read('Dockerfile');
  const appPort = (name: ServiceName) => Number(environmentOf(services[name]).PORT);

  describe('kafka', () => {
    const kafka = services.kafka ?? {};
    const env = environmentOf(kafka);

    it('runs apache/kafka 3.9.1, the version of the local broker', () => {
      expect(kafka.image).toBe('apache/kafka:3.9.1');
      expect(read('tools/kafka/pom.xml')).toContain('<version>3.9.1</version>');
    });

    it('runs in KRaft mode: one node both broker and controller, its own quorum, no ZooKeeper', () => {
      expect(env.KAFKA_PROCESS_ROLES?.split(',').map((role) => role.trim()).sort()).toEqual(['broker', 'controller']);
      const controllerPort = /CONTROLLER:\/\/[^:,]*:(\d+)/.exec(env.KAFKA_LISTENERS ?? '')?.[1];
      expect(controllerPort).toBeDefined();
      expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${env.KAFKA_NODE_ID}@kafka:${controllerPort}`);
      expect(env.KAFKA_CONTROLLER_LISTENER_NAMES).toBe('CONTROLLER');
      expect(Object.keys(services).filter((name) => /zookeeper/i.test(name + (services[name].image ?? '')))).toEqual([]);
      expect(Object.keys(env).filter((key) => /ZOOKEEPER/i.test(key))).toEqual([]);
    });

    it('is healthchecked, and every service waits for it to be healthy', () => {
      expect(kafka.healthcheck).toBeDefined();
      for (const name of SERVICES) expect([name, services[name]?.depends_on]).toMatchObject([name, { kafka: { condition: 'service_healthy' } }]);
    });

    it('advertises the address the services are given in KAFKA_BROKERS', () => {
      const advertised = /PLAINTEXT:\/\/([^,]+)/.exec(env.KAFKA_ADVERTISED_LISTENERS ?? '')?.[1];
      for (const name of SERVICES) expect([name, environmentOf(services[name]).KAFKA_BROKERS]).toEqual([name, advertised]);
    });
  });

  describe('postgres and the SMTP catcher', () => {
    it('has a healthchecked PostgreSQL whose user, password and database are those of every DATABASE_URL', () => {
      const postgres = services.postgres ?? {};
      expect(postgres.image).toMatch(/^postgres:\d+/);
      expect(postgres.healthcheck).toBeDefined();
      const env = environmentOf(postgres);
      const expected = `postgres://${env.POSTGRES_USER}:${env.POSTGRES_PASSWORD}@postgres:5432/${env.POSTGRES_DB}`;
      for (const name of SERVICES) {
        expect([name, environmentOf(services[name]).DATABASE_URL]).toEqual([name, expected]);
        expect([name, services[name].depends_on]).toMatchObject([name, { postgres: { condition: 'service_healthy' } }]);
      }
    });

    it('has an SMTP catcher, the one the newsletter is pointed at', () => {
      const catchers = Object.entries(services).filter(([, service]) => /mailpit|mailhog|maildev|smtp4dev/i.test(service.image ?? ''));
      expect(catchers.map(([name]) => name)).toHaveLength(1);
      const smtpUrl = environmentOf(services.newsletter ?? {}).SMTP_URL ?? '';
      expect(URL.canParse(smtpUrl) && new URL(smtpUrl).hostname).toBe(catchers[0][0]);
    });
  });

  describe.each(SERVICES.map((name) => [name]))('%s', (name) => {
    const service = () => services[name] ?? {};

    it('is built from the Dockerfile and runs its app from dist/', () => {
      expect(service().build).toBe('.');
      expect(commandOf(service())).toEqual(['node', `dist/apps/${name}/src/main.js`]);
      const source = `apps/${name}/src/main.ts`;
      expect([source, existsSync(path.join(ROOT, source))]).toEqual([source, true]);
      expect(read(source)).toMatch(new RegExp(`runService\\(\\s*'${name}'`));
    });

    it('has an environment the distributed config accepts', () => {
      const port = appPort(name);
      const env = environmentOf(service());
      // loadConfig throws a ConfigError naming every wrong or missing variable: that message is the failure.
      const config = loadConfig(distributedConfigSchema(port), env);
      expect(config.PORT).toBe(port);
      expect(config.NODE_ENV).toBe('production');
    });

    it('shares the one signing key, which the operator must choose (no default secret shipped)', () => {
      expect(JSON.stringify(service().environment)).toMatch(/\$\{APP_SECRET:\?[^}]+\}/);
      expect(environmentOf(service()).APP_SECRET).toBe(OPERATOR_ENV.APP_SECRET);
    });

    it('is given only variables the code knows', () => {
      const known = new Set([...CONFIG_VARIABLES.map((variable) => variable.name), ...Object.keys(SERVICE_VARIABLES[name] ?? {})]);
      expect(Object.keys(environmentOf(service())).filter((key) => !known.has(key))).toEqual([]);
    });

    it('is reached through the proxy only: no published port', () => {
      expect(portMappings(service())).toEqual([]);
    });
  });

  it('gives each service its own port', () => {
    const ports = SERVICES.map(appPort);
    expect(ports.every((port) => Number.isInteger(port) && port > 0)).toBe(true);
    expect(new Set(ports).size).toBe(SERVICES.length);
  });

  describe('the reverse proxy', () => {
    const proxy = () => services.proxy ?? {};

    it('is nginx with deploy/nginx.conf, started after the four services', () => {
      expect(proxy().image).toMatch(/^nginx:/);
      expect(proxy().volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
      const dependsOn = proxy().depends_on ?? [];
      expect([...(Array.isArray(dependsOn) ? dependsOn : Object.keys(dependsOn))].sort()).toEqual([...SERVICES].sort());
    });

    it('has one upstream per service, at the service name and port of the compose file, each one routed to', () => {
      const upstreams = nginxUpstreams(nginx);
      expect(Object.keys(upstreams).sort()).toEqual([...SERVICES].sort());
      for (const name of SERVICES) {
        expect([name, upstreams[name]]).toEqual([name, [`${name}:${appPort(name)}`]]);
        expect(nginx).toMatch(new RegExp(`proxy_pass\\s+http://${name}\\s*;`));
      }
      const targets = [...nginx.matchAll(/proxy_pass\s+http:\/\/([^/;\s]+)/g)].map(([, target]) => target);
      expect(targets.filter((target) => !(target in upstreams))).toEqual([]);
    });

    it('exposes one origin: one published port, to the one port nginx listens on, the origin PUBLIC_URL names', () => {
      const mappings = portMappings(proxy());
      expect(mappings).toHaveLength(1);
      const [{ published, target }] = mappings;
      expect(nginx.match(/\bserver\s*\{/g) ?? []).toHaveLength(1);
      expect([...nginx.matchAll(/\blisten\s+(\d+)/g)].map(([, port]) => Number(port))).toEqual([target]);
      for (const name of SERVICES) expect([name, environmentOf(services[name]).PUBLIC_URL]).toEqual([name, `http://localhost:${published}`]);
    });
  });

  it('builds the image from the lockfile: package-lock.json copied, npm ci (or npm install) on it, then npm run build', () => {
    // npm install, not npm ci, since a4d2f2f: this npm's `npm ci` rejects the lockfile it writes (other platforms' optional packages).
    const steps = dockerfile
      .replace(/\\\n/g, ' ')
      .split('\n')
      .flatMap((line) => {
        const [, instruction, rest] = /^\s*(COPY|RUN)\s+(.*)$/i.exec(line) ?? [];
        if (!instruction) return [];
        return instruction.toUpperCase() === 'RUN' ? rest.split('&&').map((command) => command.trim()) : [`COPY ${rest.trim()}`];
      });
    const lockfile = steps.findIndex((step) => /^COPY\s+(?!--from)(.*\s)?package-lock\.json\s/.test(step));
    // `npm ci` or `npm install` with flags only: what the lockfile says, no package added on the way.
    const install = steps.findIndex((step) => {
      const [npm, verb, ...args] = step.split(/\s+/);
      return npm === 'npm' && ['ci', 'install', 'i'].includes(verb) && args.every((arg) => arg.startsWith('-'));
    });
    const build = steps.findIndex((step) => /^npm run build\b/.test(step));
    expect({ lockfile: lockfile >= 0, install: install >= 0, build: build >= 0 }).toEqual({ lockfile: true, install: true, build: true });
    expect(lockfile).toBeLessThan(install);
    expect(install).toBeLessThan(build);
  });
});
