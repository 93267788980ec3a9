import { Injectable } from '@nestjs/common';
import type { FastLane } from '@newsroom/platform';
import { isSlug } from '@newsroom/site-theme';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { storedPageResponse, type PreparedPage } from './stored-page-response';
import { StoredPages } from './stored-pages';

const ARTICLE_PATH = /^\/articles\/([^/?#]+)\/?(?:\?|$)/;

/**
 * GET and HEAD of a live article's page (`/articles/:slug`), answered on node:http from StoredPages before
 * Express: the same status, headers and bytes as ArticlePageController (stored-page-response.ts builds both).
 * A page kept and fresh is sent at once; one to check or read waits for the one shared query. Anything
 * else — an address that is not a live article's (301, 410, 404), a database error — goes on to Express.
 */
@Injectable()
export class ArticleFastLane implements FastLane {
  readonly route = '/articles/:slug';

  constructor(private readonly pages: StoredPages) {}

  handle(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const slug = ARTICLE_PATH.exec(req.url ?? '')?.[1];
    if (!slug || !isSlug(slug)) return next();
    const fresh = this.pages.fresh(slug);
    if (fresh) return send(req, res, fresh);
    this.pages.live(slug).then(
      (page) => (page ? send(req, res, page) : next()),
      () => next(),
    );
  }
}

function send(req: IncomingMessage, res: ServerResponse, page: PreparedPage): void {
  const { status, headers, body } = storedPageResponse(page, req.headers);
  res.writeHead(status, headers);
  if (body && req.method !== 'HEAD') res.end(body);
  else res.end();
}
