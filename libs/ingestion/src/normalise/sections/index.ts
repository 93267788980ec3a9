export { DEFAULT_SECTIONS, SECTION_MATCH_THRESHOLD, mapSection, normaliseSectionName, type SiteSection } from './map-section';
