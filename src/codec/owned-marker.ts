// The mark that makes a work-tree file git-session's own. git-session replaces or appends to a file
// at a path from `.session/config.yaml` only when the file is new or carries this mark, so a
// cloned repository's config cannot point SESSION.md at README.md or the decision log at
// package.json. The mark is an HTML comment near the top (invisible when the Markdown is rendered,
// left alone by ordinary editing, and carried by git to every clone, so a tracked decision log is
// recognised everywhere). Pure.

export type OwnedKind = 'session-file' | 'handoff' | 'decision-log' | 'agents-file';

/** Every mark starts so; the SESSION.md renderer's header already does. */
export const OWNED_MARK = '<!-- Written by git-session';

export const OWNED_LINES: Record<OwnedKind, string> = {
  'session-file': `${OWNED_MARK} for the checked-out branch and rewritten on every change. -->`,
  handoff: `${OWNED_MARK}: the handoff of a session. The next \`git session handoff --write\` replaces this file; keep this line. -->`,
  'decision-log': `${OWNED_MARK}: the decision log. git-session only appends new entries; edit them freely, but keep this line. -->`,
  // Seed 002's files open with YAML frontmatter: the mark is a YAML comment inside it.
  'agents-file': `# ${OWNED_MARK}: a session file in seed 002's format, rewritten on every change; change the session with \`git session …\`, not this file. -->`,
};

/** What follows the mark names the kind of file; SESSION.md's header names none. */
const KIND_MARK: Record<Exclude<OwnedKind, 'session-file'>, string> = {
  handoff: `${OWNED_MARK}: the handoff`,
  'decision-log': `${OWNED_MARK}: the decision log`,
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
    if (l.startsWith(KIND_MARK['agents-file'])) return 'agents-file';
    if (l.startsWith(OWNED_MARK)) return 'session-file';
  }
  return null;
}

/** `text` with the mark of `kind` as its first line, unless the mark is in it already. */
export function withOwnedMark(text: string, kind: OwnedKind): string {
  const marked = headLines(text).some((l) => {
    const t = l.trimStart();
    return t.startsWith(OWNED_MARK) || t.startsWith(KIND_MARK['agents-file']);
  });
  if (marked) return text;
  // Frontmatter must stay the first line: the mark goes inside it.
  if (kind === 'agents-file' && text.startsWith('---\n')) return `---\n${OWNED_LINES[kind]}\n${text.slice(4)}`;
  return `${OWNED_LINES[kind]}\n${text}`;
}

export const OWNED_NAMES: Record<OwnedKind, string> = {
  'session-file': 'living session file',
  handoff: 'handoff',
  'decision-log': 'decision log',
  'agents-file': 'session file in seed 002 format',
};
