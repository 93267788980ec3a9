import { Logger } from '@nestjs/common';
import { AbstractLogger, type LogLevel, type LogMessage } from 'typeorm';

/** TypeORM's own warnings (slow queries, driver warnings) as Nest log lines, so pino JSON. */
export class TypeOrmLogger extends AbstractLogger {
  private readonly logger: Logger;

  constructor(service: string) {
    // Failed queries are not logged here: the caller gets the error and decides (a duplicate may be expected).
    super(['warn']);
    this.logger = new Logger(`TypeORM ${service}`);
  }

  protected writeLog(level: LogLevel, message: LogMessage | string | number | Array<LogMessage | string | number>): void {
    const text = this.prepareLogMessages(message, { highlightSql: false, appendParameterAsComment: false })
      .map((entry) => (entry.prefix ? `${entry.prefix} ${entry.message}` : String(entry.message)))
      .join(' ');
    if (level === 'warn' || level === 'error') this.logger.warn(text);
    else this.logger.log(text);
  }
}
