export { CommuniqueRejected, type RejectionReason } from './errors';
export type { ExtractedCommunique, NormalisedCommunique } from './extracted-communique';
export { MAX_COMMUNIQUE_BYTES, decodeText, finishCommunique, isReadable, mediaTypeOf, normaliseCommunique, normaliseText } from './normalise';
export { generateHeadline } from './headline';
export { detectLanguage } from './language';
export { typeset } from './typography';
