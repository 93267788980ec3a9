export { CommuniqueRejected, type RejectionReason } from './errors';
export type { ExtractedCommunique, NormalisedCommunique } from './extracted-communique';
export {
  MAX_COMMUNIQUE_BYTES,
  decodeText,
  finishCommunique,
  isReadable,
  mediaTypeFromName,
  mediaTypeOf,
  normaliseCommunique,
  normaliseText,
  type CommuniqueReader,
} from './normalise';
export { decodeDocument } from './charset';
export { DOCX_MEDIA_TYPE } from './docx/read-docx';
export { readHtml } from './html/read-html';
export { generateHeadline } from './headline';
export { detectLanguage } from './language';
export { typeset } from './typography';
export { DEFAULT_SECTIONS, mapSection, type SiteSection } from './sections';
export { suggestTags, type Tag } from './tags';
