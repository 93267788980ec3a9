export { EditorialModule } from './editorial.module';
export { EDITORIAL_MIGRATIONS } from './editorial.migrations';
export { InitialAdministrator, type CreatedAdministrator } from './accounts/initial-administrator';
