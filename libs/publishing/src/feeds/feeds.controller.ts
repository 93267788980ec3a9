import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { ListArticlesQuery } from '../articles/published-article.query';
import { messagesOf, sectionKeys, sectionPath, type Site, siteOf } from '@newsroom/site-theme';
import { SiteSections } from '../sections/site-sections';
import { sendNotFound } from '../site/html-response';
import { renderAtom, renderRobots, renderRss, renderSitemap, type FeedInput } from './feed-xml';

/** Entries in a feed. */
export const FEED_SIZE = 50;
/** The sitemap protocol's limit for one file. */
const SITEMAP_MAX = 50_000;
const CACHE = { 'Cache-Control': 'public, max-age=60' };

/**
 * The site for machines: RSS 2.0 and Atom feeds (site-wide and per section), sitemap.xml and robots.txt.
 * Built on request from the live articles only (Express adds a weak ETag and answers 304).
 */
@ApiExcludeController()
@Controller()
export class FeedsController {
  private readonly site: Site;

  constructor(
    private readonly queries: QueryBus,
    private readonly sections: SiteSections,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.site = siteOf(config);
  }

  @Get('feed.xml')
  async rss(@Res() res: Response): Promise<void> {
    res.status(200).set(CACHE).type('application/rss+xml; charset=utf-8').send(renderRss(await this.siteFeed()));
  }

  @Get('atom.xml')
  async atom(@Res() res: Response): Promise<void> {
    res.status(200).set(CACHE).type('application/atom+xml; charset=utf-8').send(renderAtom(await this.siteFeed()));
  }

  @Get('rubriques/:slug/feed.xml')
  async sectionRss(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    const feed = await this.sectionFeed(slug);
    if (!feed) return sendNotFound(res, this.site, 'fr', await this.sections.current());
    res.status(200).set(CACHE).type('application/rss+xml; charset=utf-8').send(renderRss(feed));
  }

  @Get('rubriques/:slug/atom.xml')
  async sectionAtom(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    const feed = await this.sectionFeed(slug);
    if (!feed) return sendNotFound(res, this.site, 'fr', await this.sections.current());
    res.status(200).set(CACHE).type('application/atom+xml; charset=utf-8').send(renderAtom(feed));
  }

  @Get('sitemap.xml')
  async sitemap(@Res() res: Response): Promise<void> {
    const { articles } = await this.queries.execute(new ListArticlesQuery({ limit: SITEMAP_MAX - 100 }));
    res.status(200).set(CACHE).type('application/xml; charset=utf-8').send(renderSitemap(this.site, await this.sections.current(), articles));
  }

  @Get('robots.txt')
  robots(@Res() res: Response): void {
    res.status(200).set(CACHE).type('text/plain; charset=utf-8').send(renderRobots(this.site));
  }

  private async siteFeed(): Promise<FeedInput> {
    const { articles } = await this.queries.execute(new ListArticlesQuery({ limit: FEED_SIZE }));
    const url = this.site.publicUrl;
    return {
      site: this.site,
      sections: await this.sections.current(),
      title: this.site.name,
      pageUrl: `${url}/`,
      rssUrl: `${url}/feed.xml`,
      atomUrl: `${url}/atom.xml`,
      description: messagesOf('fr').latestOf(this.site.name),
      articles,
    };
  }

  private async sectionFeed(slug: string): Promise<FeedInput | null> {
    const sections = await this.sections.current();
    const section = sections.find((s) => s.slug === slug);
    if (!section) return null;
    const { articles } = await this.queries.execute(new ListArticlesQuery({ limit: FEED_SIZE, sectionKeys: sectionKeys(section) }));
    const base = `${this.site.publicUrl}${sectionPath(section.slug)}`;
    return {
      site: this.site,
      sections,
      title: `${this.site.name} — ${section.name}`,
      pageUrl: base,
      rssUrl: `${base}/feed.xml`,
      atomUrl: `${base}/atom.xml`,
      description: `${section.name} — ${messagesOf('fr').latestOf(this.site.name)}`,
      articles,
    };
  }
}
