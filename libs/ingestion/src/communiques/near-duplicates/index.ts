export * from './fingerprint';
export { findNearDuplicate, indexFingerprint } from './near-duplicate-index';
