export { MAX_TAGS, suggestTags, type Tag } from './suggest-tags';
