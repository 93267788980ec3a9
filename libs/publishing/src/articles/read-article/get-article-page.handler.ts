import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type Repository } from 'typeorm';
import { Article } from '../article.entity';
import { GetArticlePageQuery, type StoredArticlePage } from './get-article-page.query';

@QueryHandler(GetArticlePageQuery)
export class GetArticlePageHandler implements IQueryHandler<GetArticlePageQuery> {
  constructor(@InjectRepository(Article, 'publishing') private readonly articles: Repository<Article>) {}

  async execute({ slug }: GetArticlePageQuery): Promise<StoredArticlePage | null> {
    const article = await this.articles.findOne({
      select: { id: true, renderedHtml: true, etag: true, publishedAt: true },
      where: { slug, publishedAt: Not(IsNull()) },
    });
    if (!article?.renderedHtml || !article.etag || !article.publishedAt) return null;
    return { html: article.renderedHtml, etag: article.etag, lastModified: article.publishedAt };
  }
}
