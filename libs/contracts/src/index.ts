export * from './envelope';
export * from './catalogue';
export * from './events/communique-received.v1';
export * from './events/article-approved.v1';
export * from './events/article-published.v1';
export * from './events/share-requested.v1';
