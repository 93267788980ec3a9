export { PublishingModule } from './publishing.module';
export { PUBLISHING_MIGRATIONS } from './publishing.migrations';
export { slugify } from './articles/slug';
