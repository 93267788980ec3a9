import { Command } from '@nestjs/cqrs';

export type UnsubscribeResult = 'unsubscribed' | 'invalid-link';

/** An unsubscribe link was used (its button, or a mail client's one-click POST), with the link's token. */
export class UnsubscribeCommand extends Command<UnsubscribeResult> {
  constructor(readonly token: string) {
    super();
  }
}
