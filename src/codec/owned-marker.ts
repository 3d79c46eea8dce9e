// The mark that makes a work-tree file git-session's own. git-session replaces or appends to a file
// at a path from `.session/config.yaml` only when the file is new or carries this mark, so a
// cloned repository's config cannot point SESSION.md at README.md or the decision log at
// package.json. The mark is an HTML comment near the top (invisible when the Markdown is rendered,
// left alone by ordinary editing, and carried by git to every clone, so a tracked decision log is
// recognised everywhere). Pure.

export type OwnedKind = 'session-file' | 'handoff' | 'decision-log' | 'adr' | 'phase-plan' | 'agents-file';

/** Every mark starts so; the SESSION.md renderer's header already does. */
export const OWNED_MARK = '<!-- Written by git-session';

export const OWNED_LINES: Record<OwnedKind, string> = {
  'session-file': `${OWNED_MARK} for the checked-out branch and rewritten on every change. -->`,
  handoff: `${OWNED_MARK}: the handoff of a session. The next \`git session handoff --write\` replaces this file; keep this line. -->`,
  'decision-log': `${OWNED_MARK}: the decision log. git-session only appends new entries; edit them freely, but keep this line. -->`,
  // An ADR's mark names its decision (render/adr.ts adrMark); this one is for a file without one.
  adr: `${OWNED_MARK}: an architecture decision record. git-session updates its status line; edit the rest freely, but keep this line. -->`,
  // A YAML file: the mark is a comment line (ownedKind reads past the `#`).
  'phase-plan': `# ${OWNED_MARK}: the phase plan, shared by every session (git session phase). Edit it by hand or with git session phase; keep this line. -->`,
  // Seed 002's files open with YAML frontmatter: the mark is a YAML comment inside it.
  'agents-file': `# ${OWNED_MARK}: a session file in seed 002's format, rewritten on every change; change the session with \`git session …\`, not this file. -->`,
};

/** What follows the mark names the kind of file; SESSION.md's header names none. */
const KIND_MARK: Record<Exclude<OwnedKind, 'session-file'>, string> = {
  handoff: `${OWNED_MARK}: the handoff`,
  'decision-log': `${OWNED_MARK}: the decision log`,
  adr: `${OWNED_MARK}: an architecture decision record`,
  'phase-plan': `${OWNED_MARK}: the phase plan`,
  'agents-file': `# ${OWNED_MARK}: a session file in seed 002's format`,
};

/**
 * Files written before the mark existed: a decision log's header sentence, and a handoff's session
 * id line under its `# Handoff: ` title. Recognised so that upgrading does not lock anyone out of
 * their files.
 */
const LEGACY_DECISION_LOG = /^Decisions recorded with git-session \(`git session decisions add`\)/;
const LEGACY_HANDOFF = /^Session id: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}( |$)/;

/** The mark is looked for in this many first lines. */
const HEAD_LINES = 12;

function headLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/, HEAD_LINES);
}

/**
 * Which of git-session's files `text` (the start of a file is enough) is by its mark — or by the
 * header of an older version — or null when it carries none: then it is not git-session's.
 */
export function ownedKind(text: string): OwnedKind | null {
  const lines = headLines(text);
  const handoffTitle = lines[0]?.startsWith('# Handoff: ') === true;
  for (const line of lines) {
    const l = line.trimStart();
    if (l.startsWith(KIND_MARK.handoff) || (handoffTitle && LEGACY_HANDOFF.test(line))) return 'handoff';
    if (l.startsWith(KIND_MARK['decision-log']) || LEGACY_DECISION_LOG.test(line)) return 'decision-log';
    if (l.startsWith(KIND_MARK.adr)) return 'adr';
    // A YAML file's mark is a comment.
    if (l.startsWith(`# ${KIND_MARK['phase-plan']}`)) return 'phase-plan';
    if (l.startsWith(KIND_MARK['agents-file'])) return 'agents-file';
    if (l.startsWith(OWNED_MARK)) return 'session-file';
  }
  return null;
}

/** `text` with the mark of `kind` as its first line, unless the mark is in it already. */
export function withOwnedMark(text: string, kind: OwnedKind): string {
  // A YAML file's mark (the plan, seed 002's file) is a comment line.
  const marked = headLines(text).some((l) => l.trimStart().replace(/^# /, '').startsWith(OWNED_MARK));
  if (marked) return text;
  // Frontmatter must stay the first line: the mark goes inside it.
  if (kind === 'agents-file' && text.startsWith('---\n')) return `---\n${OWNED_LINES[kind]}\n${text.slice(4)}`;
  return `${OWNED_LINES[kind]}\n${text}`;
}

export const OWNED_NAMES: Record<OwnedKind, string> = {
  'session-file': 'living session file',
  handoff: 'handoff',
  'decision-log': 'decision log',
  adr: 'architecture decision record',
  'phase-plan': 'phase plan',
  'agents-file': 'session file in seed 002 format',
};
