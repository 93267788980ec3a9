import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { deadLetterTopic, topicsConsumedBy, topicsProducedBy, type AnyEvent, type ServiceName } from '@newsroom/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventHandlerFn, RetryPolicy } from '../inbox/event-consumer';
import { Outbox } from '../outbox/outbox';
import { ServiceMessaging } from '../service-messaging';
import { KafkaTransport } from '../transport/kafka.transport';
import { LocalTransport } from '../transport/local.transport';
import type { Transport } from '../transport/transport';
import { DeadLettersController } from './dead-letters.controller';
import { MetricsController } from './metrics.controller';
import { onEventBindings } from './on-event.decorator';
import { MessagingRegistry } from './messaging-registry';
import { MESSAGING_OPTIONS, TRANSPORT } from './tokens';

export { MESSAGING_OPTIONS, TRANSPORT };

const SERVICE = Symbol('newsroom:messaging-service');
const SERVICE_OPTIONS = Symbol('newsroom:messaging-service-options');

export interface MessagingRootOptions {
  /** `kafka` for the distributed deployment, `local` for the standalone host (no broker). */
  transport: 'kafka' | 'local';
  brokers?: string[];
  clientId?: string;
  partitions?: number;
  outboxPollMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Bearer token for the dead-letter endpoints; without it they answer 403. */
  operatorToken?: string;
  /** Namespaces every topic, e.g. `staging.` on a shared cluster. */
  topicPrefix?: string;
}

export interface MessagingServiceOptions {
  service: ServiceName;
  /** Classes with @OnEvent methods, provided by the service's own module. */
  consumers?: Type[];
}

@Injectable()
class TransportLifecycle implements OnApplicationShutdown {
  constructor(@Inject(TRANSPORT) private readonly transport: Transport) {}
  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}

/** Starts and stops one service's messaging with the Nest lifecycle. */
@Injectable()
class ServiceMessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(SERVICE) private readonly messaging: ServiceMessaging,
    @Inject(SERVICE_OPTIONS) private readonly options: MessagingServiceOptions,
    private readonly registry: MessagingRegistry,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onModuleInit(): Promise<void> {
    // Handlers are bound now that every provider exists; consumers join before any relay starts,
    // so the broker-less delivery never publishes to a process whose consumers are not there yet.
    for (const consumerClass of this.options.consumers ?? []) {
      const instance = this.moduleRef.get(consumerClass, { strict: false });
      for (const { type, method } of onEventBindings(consumerClass)) {
        const fn = (instance as Record<string | symbol, (event: AnyEvent, tx: EntityManager) => Promise<void>>)[method];
        this.registry.handlersOf(this.options.service).set(type, [
          ...(this.registry.handlersOf(this.options.service).get(type) ?? []),
          fn.bind(instance),
        ]);
      }
    }
    this.registry.register(this.options.service, this.messaging);
    await this.messaging.startConsuming();
  }

  onApplicationBootstrap(): void {
    this.messaging.startRelaying();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.messaging.stop();
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingRootOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      controllers: [DeadLettersController, MetricsController],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: TRANSPORT,
          useFactory: (): Transport => {
            if (options.transport === 'local') return new LocalTransport();
            if (!options.brokers?.length) throw new Error('the kafka transport needs brokers (KAFKA_BROKERS)');
            return new KafkaTransport({ brokers: options.brokers, clientId: options.clientId ?? 'newsroom', partitions: options.partitions });
          },
        },
        MessagingRegistry,
        TransportLifecycle,
      ],
      exports: [TRANSPORT, MESSAGING_OPTIONS, MessagingRegistry],
    };
  }

  /** One per service: its outbox (injectable as `Outbox`), relay, consumer group and dead letters. */
  static forService(options: MessagingServiceOptions): DynamicModule {
    const { service } = options;
    return {
      module: MessagingModule,
      providers: [
        // A value provider naming the service keeps the four instances of the standalone host distinct.
        { provide: SERVICE_OPTIONS, useValue: options },
        {
          provide: SERVICE,
          inject: [getDataSourceToken(service), TRANSPORT, MESSAGING_OPTIONS, MessagingRegistry],
          useFactory: (dataSource: DataSource, transport: Transport, root: MessagingRootOptions, registry: MessagingRegistry) =>
            new ServiceMessaging(dataSource, transport, {
              schema: service,
              group: service,
              produces: topicsProducedBy(service),
              consumes: topicsConsumedBy(service),
              deadLetterTopic: deadLetterTopic(service),
              handlers: registry.handlersOf(service),
              retry: root.retry,
              relay: { pollMs: root.outboxPollMs },
              topicPrefix: root.topicPrefix,
            }),
        },
        { provide: Outbox, inject: [SERVICE], useFactory: (m: ServiceMessaging) => m.outbox },
        ServiceMessagingLifecycle,
      ],
      exports: [Outbox],
    };
  }
}

export type { EventHandlerFn };
