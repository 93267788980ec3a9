import { Controller, HttpStatus, Post, Query, Req, Res, UploadedFile, UseFilters, UseInterceptors, type RawBodyRequest } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentActor, type Actor } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { MAX_COMMUNIQUE_BYTES } from '../../normalise';
import { CommuniqueRejectedFilter } from '../communique-rejected.filter';
import { IngestCommuniqueCommand, type IngestedCommunique } from './ingest-communique.command';
import { readSubmission, type UploadedText } from './submission';

const INGESTED_SCHEMA = {
  type: 'object',
  properties: {
    communiqueId: { type: 'string', format: 'uuid' },
    duplicate: { type: 'boolean' },
    title: { type: 'string' },
    titleGenerated: { type: 'boolean' },
    publishedOn: { type: 'string', format: 'date', nullable: true },
    section: { type: 'string', nullable: true, description: 'The site section matched from the source’s breadcrumb' },
    sourceSection: { type: 'string', nullable: true, description: 'The section as the source wrote it' },
    tags: {
      type: 'array',
      items: { type: 'object', properties: { kind: { type: 'string', enum: ['person', 'organisation', 'country'] }, name: { type: 'string' }, mentions: { type: 'integer' } } },
    },
    language: { type: 'string', example: 'fr' },
    paragraphs: { type: 'integer', description: 'How many paragraphs' },
    checksum: { type: 'string', description: 'sha-256 of the original bytes' },
  },
};

@ApiTags('ingestion')
@Controller('api/ingestion/communiques')
@UseFilters(CommuniqueRejectedFilter)
export class IngestCommuniqueController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Authenticated('contributor')
  @UseInterceptors(
    // No storage option: multer keeps the file in memory (file.buffer); filenames are read as UTF-8.
    FileInterceptor('file', {
      limits: { fileSize: MAX_COMMUNIQUE_BYTES, files: 1, fields: 10 },
      defParamCharset: 'utf8',
    }),
  )
  @ApiOperation({
    summary: 'Ingest a communiqué',
    description:
      'A text/plain or text/html body, or a multipart/form-data upload in the field `file` (.txt, .html, .docx; 5 MB at most); ' +
      'UTF-8, UTF-16 with BOM, Windows-1252/ISO-8859-1 or the charset the content type or the page declares. The original is kept unchanged; ' +
      'the same bytes sent again answer 200 with `duplicate: true` and announce nothing. Cookie sessions send the CSRF token as X-CSRF-Token.',
  })
  @ApiConsumes('text/plain', 'text/html', 'multipart/form-data')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'string', description: 'text/plain: the communiqué' },
        {
          type: 'object',
          required: ['file'],
          properties: { file: { type: 'string', format: 'binary' }, source: { type: 'string', description: '`cli`, or the name of the source' } },
        },
      ],
    },
  })
  @ApiQuery({ name: 'source', required: false, description: '`cli` for the newsroom CLI, or the name of the source' })
  @ApiCreatedResponse({ description: 'Ingested and announced.', schema: INGESTED_SCHEMA })
  @ApiOkResponse({ description: 'Already ingested (same bytes): `duplicate: true`.', schema: INGESTED_SCHEMA })
  @ApiBadRequestResponse({ description: 'Empty, not UTF-8 text, no `file` field, or a bad `source`.' })
  @ApiPayloadTooLargeResponse({ description: 'Over 5 MB.' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not plain text (.txt, text/plain).' })
  @ApiUnprocessableEntityResponse({ description: 'No paragraph once the page chrome is removed, or beyond the event’s limits.' })
  async ingest(
    @Req() request: RawBodyRequest<Request>,
    @UploadedFile() file: UploadedText | undefined,
    @Query('source') source: unknown,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IngestedCommunique> {
    const submission = readSubmission({ contentType: request.headers['content-type'], body: request.body, rawBody: request.rawBody, file, sourceQuery: source });
    const result = await this.commands.execute(new IngestCommuniqueCommand({ ...submission, receivedBy: actor.id }));
    response.status(result.duplicate ? HttpStatus.OK : HttpStatus.CREATED);
    return result;
  }
}
