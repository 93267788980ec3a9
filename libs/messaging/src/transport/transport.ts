/**
 * The project's own broker interface. kafkajs lives behind KafkaTransport only, so it can be swapped;
 * LocalTransport is the broker-less delivery of the standalone host.
 */
export interface OutgoingMessage {
  topic: string;
  /** The aggregate id: all messages with one key stay in order. */
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  /** Kafka offset as a decimal string; for local delivery, the producer's outbox sequence. */
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * Handles one message. Resolving means "done, the position may be committed". Rejecting means the
 * message could not even be recorded (database down): the transport must deliver it again later.
 */
export type MessageHandler = (message: IncomingMessage) => Promise<void>;

export interface Subscription {
  /** Leaves the group (Kafka) or unregisters (local); waits for the message in hand to finish. */
  close(): Promise<void>;
}

export interface Readiness {
  ok: boolean;
  detail?: string;
}

export interface Transport {
  readonly kind: 'kafka' | 'local';
  /** Publishes in order and resolves once every message is acknowledged (Kafka: by all in-sync replicas). */
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(group: string, topics: string[], handler: MessageHandler): Promise<Subscription>;
  /** Creates missing topics up front (services never rely on auto-creation). */
  ensureTopics(topics: string[]): Promise<void>;
  readiness(): Promise<Readiness>;
  /**
   * Per partition of `topics`, how many messages the group has not committed yet. The local delivery hands each
   * message over inside `publish`, so it never has any: there, what waits is the producers' outbox backlog.
   */
  lag(group: string, topics: string[]): Promise<{ topic: string; partition: number; lag: number }[]>;
  close(): Promise<void>;
}
