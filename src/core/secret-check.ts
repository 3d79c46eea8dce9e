// Every text an event would store, checked for secrets before it is stored (app/mutate.ts runs
// this on every change, whatever command, hook or MCP call made it): trailers are pushed and stay
// in history, so a token in a decision is a leak that cannot be taken back. A refusal names the
// text, the rule and the position — never the secret. Pure.

import type { EventPayload } from '../model/events.js';
import { type Refusal, refuse } from './decide/outcome.js';
import { describeFinding, type SecretAllow, type SecretFinding, scanSecrets } from './secrets.js';

/** A text about to be stored, and what to call it in a message ("the decision's rationale"). */
export interface LabelledText {
  label: string;
  text: string;
}

/** Fields that hold ids, hashes, numbers or flags git-session made, not text anyone typed. */
const NOT_TEXT = new Set(['type', 'objective', 'decision', 'blocker', 'entry', 'sha', 'commit', 'machine', 'kind']);

const SESSION = { name: 'session name', title: 'title', branch: 'branch name', tasks: 'task', pauseNote: 'pause note' };
const OBJECTIVE = { text: 'objective' };

/** What each event's fields are called; a field not listed is called "<event noun> <field>". */
const LABELS: Record<string, Record<string, string>> = {
  'session.started': SESSION,
  'session.info': SESSION,
  'session.paused': { note: 'pause note' },
  'session.completed': { summary: 'summary' },
  'session.abandoned': { reason: 'reason' },
  'objective.added': OBJECTIVE,
  'objective.started': OBJECTIVE,
  'objective.completed': OBJECTIVE,
  'objective.reopened': OBJECTIVE,
  'decision.recorded': { text: 'decision', rationale: "decision's rationale", alternatives: "decision's alternatives" },
  'blocker.added': { text: 'blocker' },
  'blocker.resolved': { text: 'blocker', note: "blocker's resolution note" },
  'checkpoint.recorded': {
    label: 'checkpoint label',
    note: 'checkpoint note',
    phase: 'checkpoint phase',
    phaseStatus: 'checkpoint status',
  },
  'handoff.noted': { text: 'handoff note' },
  'session.now': { text: 'current task' },
  'session.spawned': { task: 'task', agent: 'agent' },
  'child.spawned': {
    name: "child's session name",
    task: "child's task",
    agent: "child's agent",
    branch: "child's branch",
  },
  'handoff.written': { path: 'handoff path' },
};

const JOURNAL: Record<string, string> = {
  progress: 'progress entry',
  discovery: 'discovery',
  next: 'next step',
  done: 'journal entry',
};

function labelOf(event: EventPayload, key: string): string {
  if (event.type === 'journal.added' && key === 'text') return JOURNAL[event.kind] ?? 'journal entry';
  const known = LABELS[event.type]?.[key];
  if (known) return known;
  const noun = event.type.split('.')[0]!;
  return key === 'text' ? noun : `${noun} ${key}`;
}

function collect(value: unknown, label: string, out: LabelledText[]): void {
  if (typeof value === 'string') out.push({ label, text: value });
  else if (Array.isArray(value)) for (const v of value) collect(v, label, out);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) collect(v, `${label} ${k}`, out);
}

/** Every text an event holds, labelled: every string field that is not an id or a hash. */
export function textsOfEvent(event: EventPayload): LabelledText[] {
  const out: LabelledText[] = [];
  for (const [key, value] of Object.entries(event)) if (!NOT_TEXT.has(key)) collect(value, labelOf(event, key), out);
  return out;
}

export interface SecretHit {
  text: LabelledText;
  findings: SecretFinding[];
}

/** The first text that holds a secret, with every finding in it; null when none does. */
export function findSecret(texts: readonly LabelledText[], allow?: SecretAllow): SecretHit | null {
  for (const text of texts) {
    const findings = scanSecrets(text.text, allow);
    if (findings.length > 0) return { text, findings };
  }
  return null;
}

/** Whether any text holds something a rule finds, before the allow list is asked. */
export const anyFinding = (texts: readonly LabelledText[]): boolean => findSecret(texts) !== null;

/**
 * The refusal: "the decision holds a GitHub personal access token (rule github-pat) at line 1,
 * column 14; nothing was recorded". `what` completes "nothing was …".
 */
export function secretRefusal(hit: SecretHit, what = 'recorded'): Refusal {
  const more = hit.findings.length > 1 ? ` (and ${hit.findings.length - 1} more)` : '';
  return refuse(
    'secret',
    `the ${hit.text.label} holds ${describeFinding(hit.findings[0]!)}${more}; nothing was ${what}`,
    'take the secret out and say where it is kept instead; if it is not a secret, allow it with a pattern in secrets.allow (.session/config.yaml)',
  );
}
