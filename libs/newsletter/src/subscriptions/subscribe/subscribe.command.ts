import { Command } from '@nestjs/cqrs';

/**
 * Someone asks for `email` to receive the articles. `email` is already checked and lowercased;
 * `source` says where (`site form`, `api`); `clientIp` is kept only as a keyed hash.
 */
export class SubscribeCommand extends Command<void> {
  constructor(
    readonly email: string,
    readonly source: string,
    readonly clientIp: string | null,
  ) {
    super();
  }
}
