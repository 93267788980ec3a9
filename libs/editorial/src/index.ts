export { EditorialModule } from './editorial.module';
export { EDITORIAL_MIGRATIONS } from './editorial.migrations';
