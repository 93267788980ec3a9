export * from './transport/transport';
export { KafkaTransport, type KafkaTransportOptions } from './transport/kafka.transport';
export { LocalTransport } from './transport/local.transport';
export { Outbox, HEADERS } from './outbox/outbox';
export { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
export { EventConsumer, DEFAULT_RETRY, DeadLetterNotFound, type EventHandlerFn, type RetryPolicy, type Outcome } from './inbox/event-consumer';
export { DeadLetterStore, type DeadLetter, type DeadLetterMessage } from './dead-letters/dead-letter-store';
export { ServiceMessaging, type ServiceMessagingOptions } from './service-messaging';
export { createMessagingMigration } from './migrations/messaging-tables';
export {
  runWithCorrelation,
  currentCorrelation,
  currentCorrelationId,
  continueTrace,
  parseTraceparent,
  formatTraceparent,
  TRACEPARENT,
  type CorrelationContext,
  type TraceContext,
} from './correlation';
export { MessagingModule, TRANSPORT, MESSAGING_OPTIONS, type MessagingRootOptions, type MessagingServiceOptions } from './nest/messaging.module';
export { MessagingRegistry } from './nest/messaging-registry';
export { OnEvent } from './nest/on-event.decorator';
export { waitForKafka, startLocalKafka, stopLocalKafka, ensureKafkaJars } from './kafka/local-broker';
