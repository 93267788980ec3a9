import { startLocalKafka } from '../../../libs/messaging/src/kafka/local-broker';
import { waitForKafka } from '@newsroom/messaging';
import { loadConfig } from '@newsroom/platform';
import { Client } from 'pg';
void startLocalKafka; void waitForKafka; void loadConfig; void Client;
