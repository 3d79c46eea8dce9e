// The repository an agent hook acts on: where the agent runs it (each agent runs project hooks
// from the project, or the session's working directory), else where the agent says it works
// (`cwd` in its payload), else the project folder it names in the environment. Outside any
// repository there is nothing to say, and the hook is silent.

import { GitSessionError } from '../model/errors.js';
import { type Context, createContext } from './context.js';

const PROJECT_DIRS = ['CLAUDE_PROJECT_DIR', 'CURSOR_PROJECT_DIR', 'GEMINI_PROJECT_DIR'];

export function hookContext(cwd: string | null): Context | null {
  const warn = (m: string) => process.stderr.write(`git-session: warning: ${m}\n`);
  const places = [process.cwd(), cwd, ...PROJECT_DIRS.map((k) => process.env[k])];
  for (const place of new Set(places.filter((p): p is string => typeof p === 'string' && p !== '')))
    try {
      return createContext(place, process.env, warn);
    } catch (e) {
      // Not a repository there: the next place. A damaged store is said, not skipped.
      if (!(e instanceof GitSessionError) || e.kind === 'store') throw e;
    }
  return null;
}
