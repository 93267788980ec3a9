import { ACTION_LABELS, allowedActions, ARTICLE_STATES, decide, nextState, STATE_LABELS, WORKFLOW_ACTIONS, type ArticleState, type WorkflowSubject } from './workflow';

const contributor = { id: 'c0000000-0000-4000-8000-000000000001', role: 'contributor' as const };
const editor = { id: 'e0000000-0000-4000-8000-000000000002', role: 'editor' as const };
const otherEditor = { id: 'e0000000-0000-4000-8000-000000000003', role: 'editor' as const };
const admin = { id: 'a0000000-0000-4000-8000-000000000004', role: 'admin' as const };
const fourEyes = { fourEyes: true };

function subject(state: ArticleState, extra: Partial<WorkflowSubject> = {}): WorkflowSubject {
  return { state, publishedRevision: null, isPublic: false, authorIds: [], ...extra };
}

describe('the review workflow', () => {
  it('follows the documented path draft → in review → approved, with changes requested on the way', () => {
    let state: ArticleState = 'draft';
    for (const [action, actor, expected] of [
      ['submit', contributor, 'in_review'],
      ['request_changes', editor, 'changes_requested'],
      ['edit', contributor, 'changes_requested'],
      ['submit', contributor, 'in_review'],
      ['approve', editor, 'approved'],
    ] as const) {
      expect(decide(action, subject(state, { authorIds: [contributor.id] }), actor, fourEyes)).toEqual({ allowed: true });
      state = nextState(action, state);
      expect(state).toBe(expected);
    }
  });

  it('gives every state and action a French label', () => {
    for (const state of ARTICLE_STATES) expect(STATE_LABELS[state]).toMatch(/\p{L}/u);
    for (const action of WORKFLOW_ACTIONS) expect(ACTION_LABELS[action]).toMatch(/\p{L}/u);
  });

  it('checks the role of every transition: contributors edit, submit and comment, never decide', () => {
    const draft = subject('draft');
    expect(allowedActions(draft, contributor, fourEyes)).toEqual(['edit', 'submit', 'comment']);
    for (const action of ['approve', 'reject', 'assign'] as const) {
      const decision = decide(action, draft, contributor, fourEyes);
      expect(decision).toMatchObject({ allowed: false, status: 403 });
    }
    expect(decide('withdraw', subject('published', { isPublic: true, publishedRevision: 1 }), contributor, fourEyes)).toMatchObject({ allowed: false, status: 403 });
    expect(allowedActions(draft, admin, fourEyes)).toEqual(['edit', 'submit', 'approve', 'reject', 'comment', 'assign']);
  });

  it('refuses transitions from the wrong state with 409 and says which state it is in', () => {
    expect(decide('approve', subject('approved'), editor, fourEyes)).toEqual({ allowed: false, status: 409, reason: expect.stringContaining('Approuvé') });
    expect(decide('request_changes', subject('draft'), editor, fourEyes)).toMatchObject({ allowed: false, status: 409 });
    expect(decide('reschedule', subject('draft'), editor, fourEyes)).toMatchObject({ allowed: false, status: 409 });
    expect(decide('reopen', subject('in_review'), editor, fourEyes)).toMatchObject({ allowed: false, status: 409 });
    expect(decide('edit', subject('rejected'), editor, fourEyes)).toMatchObject({ allowed: false, status: 409 });
    expect(decide('withdraw', subject('draft'), editor, fourEyes)).toMatchObject({ allowed: false, status: 409 });
  });

  it('applies the four-eyes rule to whoever wrote the text since the last approval, unless switched off', () => {
    const edited = subject('in_review', { authorIds: [editor.id] });
    expect(decide('approve', edited, editor, fourEyes)).toEqual({ allowed: false, status: 403, reason: expect.stringContaining('quatre yeux') });
    expect(decide('approve', edited, otherEditor, fourEyes)).toEqual({ allowed: true });
    expect(decide('approve', edited, editor, { fourEyes: false })).toEqual({ allowed: true });
    // A text nobody here wrote (as received) may be approved by any editor.
    expect(decide('approve', subject('draft'), editor, fourEyes)).toEqual({ allowed: true });
  });

  it('reschedules only before publication, and withdraws what is approved or public', () => {
    expect(decide('reschedule', subject('approved'), editor, fourEyes)).toEqual({ allowed: true });
    expect(decide('reschedule', subject('approved', { isPublic: true, publishedRevision: 1 }), editor, fourEyes)).toMatchObject({ allowed: false, status: 409 });
    expect(nextState('reschedule', 'approved')).toBe('approved');
    expect(nextState('withdraw', 'approved')).toBe('withdrawn');
    expect(decide('withdraw', subject('published', { isPublic: true, publishedRevision: 1 }), editor, fourEyes)).toEqual({ allowed: true });
    expect(decide('withdraw', subject('withdrawn'), editor, fourEyes)).toMatchObject({ allowed: false, status: 409 });
  });

  it('opens a correction of a public article as a draft, which can be withdrawn while the page is still live', () => {
    const live = subject('published', { isPublic: true, publishedRevision: 1 });
    expect(decide('edit', live, contributor, fourEyes)).toEqual({ allowed: true });
    expect(nextState('edit', 'published')).toBe('draft');
    const correction = subject('draft', { isPublic: true, publishedRevision: 1, authorIds: [contributor.id] });
    expect(allowedActions(correction, editor, fourEyes)).toEqual(['edit', 'submit', 'approve', 'reject', 'withdraw', 'comment', 'assign']);
  });

  it('reopens a rejected or withdrawn article as a draft', () => {
    expect(decide('reopen', subject('rejected'), editor, fourEyes)).toEqual({ allowed: true });
    expect(nextState('reopen', 'withdrawn')).toBe('draft');
  });

  it('keeps the state on comments and assignment', () => {
    for (const state of ARTICLE_STATES) {
      expect(nextState('comment', state)).toBe(state);
      expect(nextState('assign', state)).toBe(state);
    }
  });
});
