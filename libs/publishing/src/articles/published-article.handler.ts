import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type Repository } from 'typeorm';
import { Article } from './article.entity';
import { FindPublishedArticleQuery, LatestArticlesQuery, type PublishedArticle } from './published-article.query';

const LIVE = { publishedAt: Not(IsNull()) };

function toPublished(article: Article): PublishedArticle {
  const { id, slug, title, publishedOn, section, language, paragraphs, summary } = article;
  return { id, slug, title, publishedOn, section, language, paragraphs, summary, publishedAt: article.publishedAt as Date };
}

@QueryHandler(FindPublishedArticleQuery)
export class FindPublishedArticleHandler implements IQueryHandler<FindPublishedArticleQuery> {
  constructor(@InjectRepository(Article, 'publishing') private readonly articles: Repository<Article>) {}

  async execute({ slug }: FindPublishedArticleQuery): Promise<PublishedArticle | null> {
    const article = await this.articles.findOne({ where: { slug, ...LIVE } });
    return article && toPublished(article);
  }
}

@QueryHandler(LatestArticlesQuery)
export class LatestArticlesHandler implements IQueryHandler<LatestArticlesQuery> {
  constructor(@InjectRepository(Article, 'publishing') private readonly articles: Repository<Article>) {}

  async execute({ limit }: LatestArticlesQuery): Promise<PublishedArticle[]> {
    const articles = await this.articles.find({
      where: LIVE,
      order: { publishedOn: 'DESC', publishedAt: 'DESC', id: 'ASC' },
      take: Math.min(Math.max(1, limit), 100),
    });
    return articles.map(toPublished);
  }
}
