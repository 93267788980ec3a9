import { Command } from '@nestjs/cqrs';
import type { ConfirmationOutcome } from '../subscriber';

export type ConfirmSubscriptionResult = ConfirmationOutcome | 'invalid-link';

/** The button of a confirmation link was pressed, with the link's token. */
export class ConfirmSubscriptionCommand extends Command<ConfirmSubscriptionResult> {
  constructor(readonly token: string) {
    super();
  }
}
