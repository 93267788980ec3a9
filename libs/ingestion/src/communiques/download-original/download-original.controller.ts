import { Controller, Get, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@newsroom/platform';
import { COMMUNIQUE_NOT_FOUND, parseCommuniqueId } from '../communique-id';
import { GetOriginalQuery } from './get-original.query';

@ApiTags('ingestion')
@Controller('api/ingestion/communiques')
export class DownloadOriginalController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/original')
  @Authenticated('contributor')
  @ApiOperation({ summary: 'The original of a communiqué, byte for byte, as an attachment with its original content type' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('text/plain', 'application/octet-stream')
  @ApiOkResponse({ description: 'The raw bytes.', schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse({ description: 'The id is not a uuid.' })
  @ApiNotFoundResponse({ description: 'No such communiqué.' })
  async download(@Param('id') id: string): Promise<StreamableFile> {
    const original = await this.queries.execute(new GetOriginalQuery(parseCommuniqueId(id)));
    if (!original) throw new NotFoundException(COMMUNIQUE_NOT_FOUND);
    return new StreamableFile(original.bytes, {
      type: original.contentType,
      length: original.bytes.byteLength,
      disposition: attachment(original.fileName),
    });
  }
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII fallback and the exact name. */
export function attachment(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
