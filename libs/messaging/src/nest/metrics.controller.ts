import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { metricsText } from '../metrics/messaging-metrics';
import type { MessagingRootOptions } from './messaging.module';
import { authorizeOperator } from './operator-token';
import { MESSAGING_OPTIONS } from './tokens';

/** Prometheus scrapes every process here (bearer OPERATOR_TOKEN, like the other operator endpoints). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingRootOptions) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of this process: events, outbox, lag, dead letters, HTTP, emails, publication delay, runtime' })
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    authorizeOperator(this.options.operatorToken, authorization);
    const { contentType, body } = await metricsText();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  }
}
