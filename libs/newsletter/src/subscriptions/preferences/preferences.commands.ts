import { Command, Query } from '@nestjs/cqrs';
import type { Preferences } from '../subscriber';

/**
 * What a subscriber does from the preferences page their emails link to (a signed `newsletter-preferences`
 * token: the link reached their inbox). Each returns 'invalid-link' for a forged or foreign token.
 */
export type PreferencesResult = 'done' | 'unchanged' | 'invalid-link';

export class UpdatePreferencesCommand extends Command<PreferencesResult> {
  constructor(
    readonly token: string,
    readonly preferences: Preferences,
  ) {
    super();
  }
}

/** An unsubscribed address comes back from its own link: confirmed again at once. */
export class ResubscribeCommand extends Command<PreferencesResult> {
  constructor(readonly token: string) {
    super();
  }
}

/** Everything kept about the subscriber and what was sent to them: a JSON download. */
export class ExportSubscriberDataQuery extends Query<SubscriberExport | null> {
  constructor(readonly token: string) {
    super();
  }
}

/** The subscriber, their consent log and their address in past emails are erased; nothing more is sent. */
export class EraseSubscriberCommand extends Command<PreferencesResult> {
  constructor(readonly token: string) {
    super();
  }
}

export interface SubscriberExport {
  exportedAt: string;
  subscriber: {
    email: string;
    status: string;
    frequency: string;
    sections: string[];
    language: string | null;
    consentSource: string;
    requestedAt: string;
    confirmedAt: string | null;
    unsubscribedAt: string | null;
    bouncedAt: string | null;
  };
  consents: { action: string; source: string; at: string; detail: unknown }[];
  emails: { kind: string; subject: string; status: string; createdAt: string; sentAt: string | null }[];
}
