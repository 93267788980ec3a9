export * from './site';
export * from './i18n';
export * from './site-section';
export * from './article-page';
export * from './summary';
