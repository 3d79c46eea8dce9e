// Starter text for the shared context files `git session init` creates. They are read by people
// and by coding agents (the brief includes them), so they ask for what an agent needs to know.

export const ARCHITECTURE_MD = `# Architecture

<!-- Shared context for everyone working here, people and coding agents alike.
     \`git session brief\` includes this file. Keep it short and true; delete these comments. -->

## What this is
One paragraph: what the system does and for whom.

## Shape
- Main parts (folders, services, packages) and what each is responsible for.
- How data flows between them.
- Where the boundaries are (what must not import what).

## Decisions that shape the code
- Link or summarise the few decisions everyone must know (\`.session/decisions.md\` holds the log).

## How to run it
\`\`\`sh
# build
# test
\`\`\`
`;

export const CONVENTIONS_MD = `# Conventions

<!-- How code is written here. \`git session brief\` includes this file; agents follow it. -->

## Code
- Naming, file layout, error handling, logging.
- What a good test looks like here, and where tests live.

## Commits
- Message style (for example Conventional Commits: \`feat(scope): …\`, \`fix: …\`).
- Commits carry \`Session:\` trailers added by git-session; do not remove them by hand.

## Reviews
- What every change needs before it is merged.
`;
