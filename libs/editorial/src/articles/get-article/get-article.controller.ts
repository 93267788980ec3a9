import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, parseInput } from '@newsroom/platform';
import { articleIdParams } from '../article-id';
import { GetArticleQuery } from './get-article.query';

@ApiTags('editorial')
@Controller('api/editorial/articles')
export class GetArticleController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One article with its paragraphs' })
  async get(@Param() params: unknown) {
    const { id } = parseInput(articleIdParams, params, 'article id', 'en');
    const article = await this.queries.execute(new GetArticleQuery(id));
    if (!article) throw new NotFoundException(`No article ${id}.`);
    return article;
  }
}
