export { PublishingModule } from './publishing.module';
export { PUBLISHING_MIGRATIONS } from './publishing.migrations';
