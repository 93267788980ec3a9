import { roleAtLeast, type Actor, type Role } from '@newsroom/platform';

/**
 * The review workflow of an article, as one explicit state machine (see CONTEXT.md for the words):
 *
 *   draft ──submit──▶ in_review ──approve──▶ approved ──(publishing: live)──▶ published
 *     ▲                 │  ▲                   │  ▲ reschedule                    │
 *     │      request_changes  submit           │  └─────────┘                     │
 *     │                 ▼  │                   ▼                                  ▼
 *     │            changes_requested        withdrawn ◀──────────withdraw──────── (edit: a correction draft)
 *     └──reopen── rejected / withdrawn
 *
 * An editor may approve a draft directly (the review is theirs). A published article stays public while its
 * correction goes through the same steps; approving it republishes it with a correction note.
 * Every rule here is checked on the server, whatever the UI shows.
 */
export const ARTICLE_STATES = ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'rejected', 'withdrawn'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

export const WORKFLOW_ACTIONS = ['edit', 'submit', 'request_changes', 'approve', 'reject', 'reschedule', 'withdraw', 'reopen', 'comment', 'assign'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** What the rules need to know of an article. */
export interface WorkflowSubject {
  state: ArticleState;
  /** The public revision readers see, or null if it never was public. */
  publishedRevision: number | null;
  /** Whether it is live now (published and not withdrawn). */
  isPublic: boolean;
  /** Ids of the people who wrote the text under review (every save since the last approval). */
  authorIds: readonly string[];
}

export interface WorkflowOptions {
  /** Four-eyes rule: nobody approves a text they wrote. On by default (EDITORIAL_FOUR_EYES). */
  fourEyes: boolean;
}

interface Rule {
  from: readonly ArticleState[];
  role: Role;
  /** Also allowed, whatever the state, when the article is public (corrections, withdrawal). */
  whenPublic?: boolean;
}

const RULES: Record<WorkflowAction, Rule> = {
  edit: { from: ['draft', 'in_review', 'changes_requested'], role: 'contributor', whenPublic: true },
  submit: { from: ['draft', 'changes_requested'], role: 'contributor' },
  request_changes: { from: ['in_review'], role: 'editor' },
  approve: { from: ['draft', 'in_review'], role: 'editor' },
  reject: { from: ['draft', 'in_review', 'changes_requested'], role: 'editor' },
  reschedule: { from: ['approved'], role: 'editor' },
  withdraw: { from: ['approved', 'published'], role: 'editor', whenPublic: true },
  reopen: { from: ['rejected', 'withdrawn'], role: 'editor' },
  comment: { from: ARTICLE_STATES, role: 'contributor' },
  assign: { from: ['draft', 'in_review', 'changes_requested'], role: 'editor' },
};

/** French labels, for pages and messages. */
export const STATE_LABELS: Record<ArticleState, string> = {
  draft: 'Brouillon',
  in_review: 'En relecture',
  changes_requested: 'Modifications demandées',
  approved: 'Approuvé',
  published: 'Publié',
  rejected: 'Refusé',
  withdrawn: 'Retiré',
};

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  edit: 'Modifier',
  submit: 'Soumettre à la relecture',
  request_changes: 'Demander des modifications',
  approve: 'Approuver',
  reject: 'Refuser',
  reschedule: 'Changer l’heure de publication',
  withdraw: 'Retirer',
  reopen: 'Rouvrir',
  comment: 'Commenter',
  assign: 'Assigner',
};

export const ROLE_LABELS: Record<Role, string> = { contributor: 'contributeur', editor: 'éditeur', admin: 'administrateur' };

/** The decisions as they appear in URLs (`POST …/articles/:id/<route>`), API and admin alike. */
export const DECISION_ROUTES = {
  submit: 'submit',
  'request-changes': 'request_changes',
  approve: 'approve',
  reject: 'reject',
  reschedule: 'reschedule',
  withdraw: 'withdraw',
  reopen: 'reopen',
  assign: 'assign',
} as const satisfies Record<string, WorkflowAction>;
export type DecisionRoute = keyof typeof DECISION_ROUTES;

/** The route of a decision, or undefined for edit and comment (they have their own). */
export function decisionRoute(action: WorkflowAction): DecisionRoute | undefined {
  return (Object.keys(DECISION_ROUTES) as DecisionRoute[]).find((route) => DECISION_ROUTES[route] === action);
}

export type Decision = { allowed: true } | { allowed: false; status: 403 | 409; reason: string };

/** Whether `actor` may do `action` on `article` now: 403 for a missing right, 409 for the wrong state. */
export function decide(action: WorkflowAction, article: WorkflowSubject, actor: Pick<Actor, 'id' | 'role'>, options: WorkflowOptions): Decision {
  const rule = RULES[action];
  if (!roleAtLeast(actor.role, rule.role)) {
    return { allowed: false, status: 403, reason: `« ${ACTION_LABELS[action]} » demande le rôle ${ROLE_LABELS[rule.role]}.` };
  }
  const inState = rule.from.includes(article.state) || (rule.whenPublic === true && article.isPublic && article.state !== 'withdrawn');
  if (!inState) {
    return { allowed: false, status: 409, reason: `« ${ACTION_LABELS[action]} » est impossible : l’article est à l’état « ${STATE_LABELS[article.state]} ».` };
  }
  if (action === 'reschedule' && article.isPublic) {
    return { allowed: false, status: 409, reason: 'L’article est déjà en ligne : son heure de publication ne peut plus changer.' };
  }
  if (action === 'approve' && options.fourEyes && article.authorIds.includes(actor.id)) {
    return { allowed: false, status: 403, reason: 'Règle des quatre yeux : un autre relecteur doit approuver un texte que vous avez écrit ou modifié.' };
  }
  return { allowed: true };
}

/** Every action `actor` may take now, in a stable order: what the draft page offers. */
export function allowedActions(article: WorkflowSubject, actor: Pick<Actor, 'id' | 'role'>, options: WorkflowOptions): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => decide(action, article, actor, options).allowed);
}

/** The state an action leads to. Editing a public article opens its correction as a draft; the page stays as it was. */
export function nextState(action: WorkflowAction, from: ArticleState): ArticleState {
  switch (action) {
    case 'edit':
      return from === 'published' || from === 'approved' ? 'draft' : from;
    case 'submit':
      return 'in_review';
    case 'request_changes':
      return 'changes_requested';
    case 'approve':
    case 'reschedule':
      return 'approved';
    case 'reject':
      return 'rejected';
    case 'withdraw':
      return 'withdrawn';
    case 'reopen':
      return 'draft';
    case 'comment':
    case 'assign':
      return from;
  }
}

