import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DeadLetterNotFound } from '../inbox/event-consumer';
import type { MessagingRootOptions } from './messaging.module';
import { MESSAGING_OPTIONS } from './tokens';
import { MessagingRegistry } from './messaging-registry';
import { authorizeOperator } from './operator-token';

const listQuery = z.object({
  service: z.string().regex(/^[a-z]+$/).optional(),
  includeReplayed: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const replayParams = z.object({ service: z.string().regex(/^[a-z]+$/), id: z.string().regex(/^\d{1,18}$/, 'a dead letter id') });

/** Operators list and replay dead letters of the services this process hosts. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly registry: MessagingRegistry,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingRootOptions,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Dead letters of every hosted service (or one, with ?service=)' })
  async list(@Headers('authorization') authorization: string | undefined, @Query() query: unknown) {
    this.authorize(authorization);
    const q = parse(listQuery, query);
    const services = q.service ? [q.service] : this.registry.names();
    const letters = [];
    for (const service of services) {
      const messaging = this.registry.get(service);
      if (!messaging) throw new NotFoundException(`service ${service} is not hosted by this process`);
      letters.push(...(await messaging.deadLetters.list({ includeReplayed: q.includeReplayed === 'true', limit: q.limit })));
    }
    return { deadLetters: letters };
  }

  @Post(':service/:id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a dead letter through its consumer again; it is closed unless it fails again' })
  async replay(@Headers('authorization') authorization: string | undefined, @Param() params: unknown) {
    this.authorize(authorization);
    const { service, id } = parse(replayParams, params);
    const messaging = this.registry.get(service);
    if (!messaging) throw new NotFoundException(`service ${service} is not hosted by this process`);
    try {
      const outcome = await messaging.consumer.replay(id);
      return { id, service, outcome };
    } catch (error) {
      if (error instanceof DeadLetterNotFound) throw new NotFoundException(error.message);
      throw error;
    }
  }

  private authorize(authorization: string | undefined): void {
    authorizeOperator(this.options.operatorToken, authorization);
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new BadRequestException(result.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  }
  return result.data;
}
