import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@newsroom/platform';
import { COMMUNIQUE_NOT_FOUND, parseCommuniqueId } from '../communique-id';
import { GetCommuniqueQuery, type CommuniqueView } from './get-communique.query';

@ApiTags('ingestion')
@Controller('api/ingestion/communiques')
export class GetCommuniqueController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Authenticated('contributor')
  @ApiOperation({ summary: 'A received communiqué: its normalised version and the metadata of its original' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ description: 'The communiqué.' })
  @ApiBadRequestResponse({ description: 'The id is not a uuid.' })
  @ApiNotFoundResponse({ description: 'No such communiqué.' })
  async get(@Param('id') id: string): Promise<CommuniqueView> {
    const communique = await this.queries.execute(new GetCommuniqueQuery(parseCommuniqueId(id)));
    if (!communique) throw new NotFoundException(COMMUNIQUE_NOT_FOUND);
    return communique;
  }
}
