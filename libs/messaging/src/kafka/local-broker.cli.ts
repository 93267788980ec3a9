// `npm run kafka:start` / `npm run kafka:stop`: the local single-node Kafka broker of local-broker.ts.
//   node dist/libs/messaging/src/kafka/local-broker.cli.js fetch|start|stop|status
// The port comes from NEWSROOM_KAFKA_PORT (default 9092). `start` prints `KAFKA_BROKERS=<host:port>` on stdout
// (eval-able); everything else goes to stderr.
import { ensureKafkaJars, localKafkaStatus, startLocalKafka, stopLocalKafka } from './local-broker';

const USAGE = 'usage: local-broker.cli.js fetch|start|stop|status   (port: NEWSROOM_KAFKA_PORT, default 9092)';

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'fetch': {
      // CI and first-time setup: download the broker's jars from Maven Central (no-op once cached).
      console.error(`Kafka jars in ${await ensureKafkaJars()}`);
      return 0;
    }
    case 'start': {
      const began = Date.now();
      const kafka = await startLocalKafka();
      console.error(
        kafka.startedNow
          ? `Kafka started on ${kafka.brokers} in ${((Date.now() - began) / 1000).toFixed(1)} s (pid ${kafka.pid}, log ${kafka.logFile})`
          : `Kafka already running on ${kafka.brokers} (pid ${kafka.pid}, log ${kafka.logFile})`,
      );
      console.log(`KAFKA_BROKERS=${kafka.brokers}`);
      return 0;
    }
    case 'stop':
      console.error((await stopLocalKafka()) ? 'Kafka stopped' : 'Kafka was not running');
      return 0;
    case 'status': {
      const kafka = await localKafkaStatus();
      console.error(kafka ? `Kafka running on ${kafka.brokers} (pid ${kafka.pid}, log ${kafka.logFile})` : 'Kafka is not running');
      return kafka ? 0 : 1;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

const command = process.argv[2];
main(command).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`kafka ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
