// A short, marked section in AGENTS.md telling any coding agent how to use git session. Pure.

export const AGENTS_BEGIN = '<!-- >>> git-session >>> -->';
export const AGENTS_END = '<!-- <<< git-session <<< -->';

export const AGENTS_SECTION = `${AGENTS_BEGIN}
## Working context: git-session

This repository keeps the context of each branch's work with git-session: objectives, decisions
and why, blockers, progress and next steps, tied to the branch and carried in commit trailers.

- **When you start, and after your context was compacted:** run \`git session brief\` and read it
  (\`git session status\` is the short version). Handoff notes from whoever worked before you come first.
- **As you work, record what matters when it happens:**
  - every choice someone could question later: \`git session decisions add "…" --rationale "…" --alternatives "…"\`;
  - an objective done: \`git session objectives complete <id>\`; progress: \`git session log --progress "…"\`;
    a surprise worth knowing: \`git session log --discovery "…"\`;
  - stuck: \`git session blockers add "…"\`; unstuck: \`git session blockers resolve <id> --note "…"\`.
- **Commit as usual.** Commits carry the session in their trailers; never remove \`Session…:\` or
  \`Decisions:\` trailers, and never edit \`.git/sessions/\` by hand.
- **Before you stop:** \`git session log --next "…"\` with the concrete next step (file and line), and
  \`git session next "…"\` with what the next person must know; \`git session handoff --write\` for a full handoff.
${AGENTS_END}
`;

export function hasAgentsSection(text: string | null): boolean {
  if (text === null) return false;
  return text.includes(AGENTS_BEGIN) && text.includes(AGENTS_END);
}

/** AGENTS.md with our section (replacing an older copy in place, else appended). */
export function addAgentsSection(text: string | null): string {
  if (text === null || text.trim() === '') return `# Agents\n\n${AGENTS_SECTION}`;
  if (hasAgentsSection(text)) {
    const start = text.indexOf(AGENTS_BEGIN);
    const end = text.indexOf(AGENTS_END) + AGENTS_END.length;
    return text.slice(0, start) + AGENTS_SECTION.trimEnd() + text.slice(end);
  }
  return `${text}${text.endsWith('\n') ? '' : '\n'}\n${AGENTS_SECTION}`;
}

/** AGENTS.md without our section; null when nothing else would be left. */
export function removeAgentsSection(text: string): string | null {
  if (!hasAgentsSection(text)) return text;
  const start = text.indexOf(AGENTS_BEGIN);
  let end = text.indexOf(AGENTS_END) + AGENTS_END.length;
  if (text[end] === '\n') end++;
  const rest = (text.slice(0, start).replace(/\n+$/, '\n') + text.slice(end)).replace(/^\n+/, '');
  return rest.trim() === '' || rest.trim() === '# Agents' ? null : rest;
}
