import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { articleDetail, type ArticleDetail } from '../article-views';
import { Article } from '../article.entity';
import { GetArticleQuery } from './get-article.query';

@QueryHandler(GetArticleQuery)
export class GetArticleHandler implements IQueryHandler<GetArticleQuery> {
  constructor(@InjectRepository(Article, 'editorial') private readonly articles: Repository<Article>) {}

  async execute({ articleId }: GetArticleQuery): Promise<ArticleDetail | null> {
    const article = await this.articles.findOne({ where: { id: articleId } });
    return article ? articleDetail(article) : null;
  }
}
