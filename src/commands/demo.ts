// `git session demo [DIR]`: a throwaway repository, a scripted session through real commits and
// branch switches, and what a user would see at each step — the quickest way to watch the tool.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Context } from '../app/context.js';
import { cliPath } from '../app/hook-install.js';
import { userError } from '../model/errors.js';
import type { Io, Output } from './output.js';

type Step = { say: string } | { run: string[]; cwd?: 'repo' | 'clone' } | { write: string; text: string };

const STEPS: Step[] = [
  { say: 'A new repository with one commit.' },
  { run: ['git', 'init', '-q', '-b', 'main'] },
  { write: 'README.md', text: '# Demo shop\n\nA small web shop. Its login is beeing built.\n' },
  { run: ['git', 'add', 'README.md'] },
  { run: ['git', 'commit', '-q', '-m', 'Initial commit'] },
  { say: 'Set git-session up: shared context in .session/, the local store, the git hooks.' },
  { run: ['git', 'session', 'init'] },
  { say: 'Start a session on a new branch, with objectives and a task link.' },
  { run: ['git', 'session', 'start', 'feature/login', '-o', 'Login form', '-o', 'Remember me', '--task', 'DEMO-1'] },
  {
    run: [
      'git',
      'session',
      'decisions',
      'add',
      'Keep sessions in signed cookies',
      '--rationale',
      'no server-side state to run',
      '--alternatives',
      'JWT in localStorage: readable by any XSS',
    ],
  },
  { say: 'Work, then commit as usual. The commit gains the session trailers.' },
  { write: 'src/login.js', text: 'export function login(form) {\n  // TODO: rate limiting\n  return form.user;\n}\n' },
  { run: ['git', 'add', 'src/login.js'] },
  { run: ['git', 'commit', '-q', '-m', 'feat(login): add the login form'] },
  { run: ['git', 'log', '-1', '--format=%B'] },
  { run: ['git', 'session', 'objectives', 'complete', 'Login form'] },
  { run: ['git', 'session', 'log', '--next', 'Remember-me checkbox on the form'] },
  { say: 'An urgent fix: plain git switches away; the hook pauses the login session.' },
  { run: ['git', 'switch', '-c', 'fix/readme-typo'] },
  { run: ['git', 'session', 'start', 'fix/readme-typo', '-o', 'Fix the README typo'] },
  { write: 'README.md', text: '# Demo shop\n\nA small web shop. Its login is being built.\n' },
  { run: ['git', 'session', 'log', '--done', 'Fix the README typo'] },
  { run: ['git', 'commit', '-q', '-am', 'docs: fix a typo'] },
  { run: ['git', 'session', 'end', '--summary', 'Typo fixed', '--commit'] },
  { say: 'Back to the login: the hook resumes its session and prints where it stands.' },
  { run: ['git', 'switch', 'feature/login'] },
  { run: ['git', 'session', 'status'] },
  { say: 'Any clone rebuilds the sessions from the history alone.' },
  { run: ['git', 'clone', '-q', '.', '../clone'] },
  { run: ['git', 'session', 'rebuild'], cwd: 'clone' },
  { run: ['git', 'session', 'list', '--all'], cwd: 'clone' },
];

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

export async function demo(_ctx: Context, io: Io, dirArg: string | undefined): Promise<Output> {
  const base = dirArg ? resolve(dirArg) : mkdtempSync(join(tmpdir(), 'git-session-demo-'));
  if (dirArg && existsSync(base) && readdirSync(base).length > 0)
    throw userError('not-empty', `${base} is not empty`, 'give a new or empty directory, or none for a temporary one');
  const repo = join(base, 'shop');
  const clone = join(base, 'clone');
  mkdirSync(repo, { recursive: true });
  // `git session` must reach this git-session, installed or not.
  const shim = mkdtempSync(join(tmpdir(), 'git-session-bin-'));
  symlinkSync(cliPath(), join(shim, 'git-session'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${shim}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    GIT_AUTHOR_NAME: 'Demo Developer',
    GIT_AUTHOR_EMAIL: 'demo@example.com',
    GIT_COMMITTER_NAME: 'Demo Developer',
    GIT_COMMITTER_EMAIL: 'demo@example.com',
    GIT_EDITOR: ':',
    NO_COLOR: '1',
    GIT_SESSION: '',
  };
  const st = io.style;
  const transcript: string[] = [];
  const steps: { command: string; exitCode: number; output: string }[] = [];
  for (const step of STEPS) {
    if ('say' in step) {
      transcript.push('', st.bold(`# ${step.say}`));
    } else if ('write' in step) {
      const path = join(repo, step.write);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, step.text);
      transcript.push(st.dim(`(edit ${step.write})`));
    } else {
      const cwd = step.cwd === 'clone' ? clone : repo;
      const [cmd, ...args] = step.run as [string, ...string[]];
      const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
      const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.replace(/\s+$/, '');
      const command = step.run.map(shellQuote).join(' ');
      transcript.push(st.cyan(`$ ${step.cwd === 'clone' ? '(in the clone) ' : ''}${command}`));
      if (output) transcript.push(output);
      steps.push({ command, exitCode: r.status ?? 1, output });
      if (r.status !== 0) {
        transcript.push(st.red(`(exit ${r.status}; the demo stops here)`));
        break;
      }
    }
  }
  transcript.push('', `The demo repository is ${repo} (its clone: ${clone}). Look around, then delete ${base}.`);
  return { json: { dir: base, repository: repo, clone, steps }, text: transcript.join('\n').replace(/^\n/, '') };
}
