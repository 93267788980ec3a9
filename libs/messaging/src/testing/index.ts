export * from './test-database';
export * from './scenario';
