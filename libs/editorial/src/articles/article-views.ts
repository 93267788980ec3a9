import type { Article, ArticleState } from './article.entity';

/** The earlier communiqué this article's communiqué nearly duplicates, and its draft (null until it arrives). */
export interface NearDuplicateView {
  articleId: string | null;
  communiqueId: string;
  similarity: number;
}

/** One line of a list: everything but the text. */
export interface ArticleSummary {
  id: string;
  communiqueId: string | null;
  state: ArticleState;
  title: string;
  publishedOn: string | null;
  section: string | null;
  language: string;
  paragraphCount: number;
  revision: number;
  createdAt: string;
  approvedAt: string | null;
  publishAt: string | null;
  nearDuplicateOf: NearDuplicateView | null;
  tags: string[];
  assigneeId: string | null;
  currentRevision: number;
  isPublic: boolean;
  publishedRevision: number | null;
  stateReason: string | null;
  stateChangedAt: string;
}

/** One article with its text, as the API returns it. */
export interface ArticleDetail extends Omit<ArticleSummary, 'paragraphCount'> {
  titleGenerated: boolean;
  paragraphs: string[];
  version: number;
  updatedAt: string;
  /** The approving user's id. */
  approvedBy: string | null;
  /** The pending correction note, for a correction of a public article. */
  correctionNote: string | null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function nearDuplicateView(communiqueId: string | null, similarity: number | null, articleId: string | null): NearDuplicateView | null {
  return communiqueId === null ? null : { articleId, communiqueId, similarity: similarity ?? 0 };
}

export function articleDetail(article: Article): ArticleDetail {
  return {
    id: article.id,
    communiqueId: article.communiqueId,
    state: article.state,
    title: article.title,
    titleGenerated: article.titleGenerated,
    publishedOn: article.publishedOn,
    section: article.section,
    language: article.language,
    paragraphs: article.paragraphs,
    revision: article.revision,
    version: article.version,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    approvedBy: article.approvedBy,
    approvedAt: iso(article.approvedAt),
    publishAt: iso(article.publishAt),
    nearDuplicateOf: nearDuplicateView(article.nearDuplicateOfCommunique, article.nearDuplicateSimilarity, article.nearDuplicateOfArticle),
    tags: article.tags,
    assigneeId: article.assigneeId,
    currentRevision: article.currentRevision,
    isPublic: article.isPublic,
    publishedRevision: article.publishedRevision,
    stateReason: article.stateReason,
    stateChangedAt: article.stateChangedAt.toISOString(),
    correctionNote: article.correctionNote,
  };
}
