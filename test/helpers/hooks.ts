// Helpers for the end-to-end tests of the git hooks: sessions set up through the real CLI, git's
// own trailer parser as the judge, scripted editors, store readers, and an independent model of
// the trailer escaping (written from the contract, not imported, so a bug there is not shared).

import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fromTemplate, type Run, type TestRepo, tempDir } from './repo.js';

/** The keys git-session writes. */
export const OUR_KEYS = [
  'Session',
  'Session-Info',
  'Session-Objectives',
  'Decisions',
  'Session-Blockers',
  'Session-Log',
  'Session-Checkpoint',
];

export interface SessionRepo {
  r: TestRepo;
  id: string;
}

/** A repository with git-session initialised and a session started on `branch` (checked out). */
/** A repository with git-session initialised (no session yet): a copy of one made once per file. */
export function initRepo(): TestRepo {
  return fromTemplate('initialised', {}, (t) => {
    t.ok(['init']);
  });
}

const templateSessions = new Map<string, string>();

export function sessionRepo(branch = 'feature/x', objectives: string[] = ['first objective']): SessionRepo {
  const key = `session ${JSON.stringify([branch, objectives])}`;
  const r = fromTemplate(key, {}, (t) => {
    t.ok(['init']);
    templateSessions.set(key, t.json(['start', branch, ...objectives.flatMap((o) => ['-o', o])]).id as string);
  });
  return { r, id: templateSessions.get(key)! };
}

/** Start another session on `branch` (created from HEAD and checked out); returns its id. */
export function startSession(r: TestRepo, branch: string, objectives: string[] = []): string {
  return r.json(['start', branch, ...objectives.flatMap((o) => ['-o', o])]).id as string;
}

/** `git-session ARGS --json -- TEXT` (the text may start with `-`), required to succeed, parsed. */
export function jsonWithText(r: TestRepo, args: string[], text: string, cwd?: string): any {
  const out = r.gs([...args, '--json', '--', text], cwd ? { cwd } : {});
  if (out.code !== 0) throw new Error(`git-session ${args.join(' ')} failed (${out.code}): ${out.stderr}`);
  return JSON.parse(out.stdout);
}

/** Record a decision in the current session of the worktree at `cwd`; returns its id. */
export function addDecision(
  r: TestRepo,
  text: string,
  opts: { rationale?: string; alternatives?: string; cwd?: string } = {},
): string {
  const args = ['decisions', 'add'];
  if (opts.rationale !== undefined) args.push(`--rationale=${opts.rationale}`);
  if (opts.alternatives !== undefined) args.push(`--alternatives=${opts.alternatives}`);
  return jsonWithText(r, args, text, opts.cwd).id as string;
}

export function addBlocker(r: TestRepo, text: string): string {
  return jsonWithText(r, ['blockers', 'add'], text).id as string;
}

export function addObjective(r: TestRepo, text: string): string {
  const out = jsonWithText(r, ['objectives', 'add'], text);
  return (Array.isArray(out) ? out[0].id : out.id) as string;
}

/** An executable sh script in a temp dir (for GIT_EDITOR, GIT_SEQUENCE_EDITOR). */
export function script(body: string): string {
  const path = join(tempDir('gs-script-'), 'script.sh');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Values of trailer `key` in a commit, as git's `%(trailers)` reads them (unfolded). */
export function values(r: TestRepo, key: string, rev = 'HEAD', cwd?: string): string[] {
  const out = r.git(['log', '-1', `--format=%(trailers:key=${key},valueonly,unfold)`, rev], cwd ? { cwd } : {}).stdout;
  return out.split('\n').filter((l) => l !== '');
}

/** All trailers of a commit message, as `git interpret-trailers --parse` reads them. */
export function parsed(r: TestRepo, rev = 'HEAD', cwd?: string): string[] {
  const msg = r.message(rev);
  return r
    .git(['interpret-trailers', '--parse'], { input: msg, ...(cwd ? { cwd } : {}) })
    .stdout.split('\n')
    .filter((l) => l !== '');
}

/** The keys of a commit's trailers, in order. */
export function keysOf(lines: string[]): string[] {
  return lines.map((l) => l.slice(0, l.indexOf(':')));
}

/** The paragraphs of a message (blank-line separated), trailing whitespace trimmed. */
export function paragraphs(message: string): string[][] {
  return message
    .replace(/\s+$/, '')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.split('\n'));
}

export function subject(r: TestRepo, rev = 'HEAD', cwd?: string): string {
  return r.git(['log', '-1', '--format=%s', rev], cwd ? { cwd } : {}).stdout.replace(/\n$/, '');
}

export function sessionDir(r: TestRepo, id: string): string {
  return join(r.dir, '.git', 'sessions', id);
}

export function events(r: TestRepo, id: string): any[] {
  const file = join(sessionDir(r, id), 'events.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

/** Shas the session's journal records as its commits (post-commit's `commit.recorded`). */
export function recorded(r: TestRepo, id: string): string[] {
  return events(r, id)
    .filter((e) => e.type === 'commit.recorded')
    .map((e) => e.sha as string);
}

export function committedMark(r: TestRepo, id: string): string {
  const f = join(sessionDir(r, id), 'committed');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
}

/** Lines of stderr that git-session printed. */
export function gsLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('git-session'));
}

/** A command run without waiting (several at once for the concurrency tests), with `input` on stdin if given. */
export function spawnAsync(
  command: string,
  args: string[],
  r: TestRepo,
  opts: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(command, args, { cwd: opts.cwd ?? r.dir, env: { ...r.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    if (opts.input !== undefined) p.stdin.end(opts.input);
  });
}

/** git, asynchronously (for concurrent commits). */
export function gitAsync(
  r: TestRepo,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return spawnAsync('git', args, r, opts);
}

/** Where `command -v` finds a tool, or null. */
export function which(tool: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p.startsWith('/') ? p : null;
}

/**
 * A PATH directory with only what the sh hooks use: no node and no git-session, whatever the
 * machine has installed in /usr/bin (./install.sh may have linked git-session there).
 */
export function hookToolsOnlyPath(): string {
  const bin = tempDir('gs-tools-');
  for (const tool of ['git', 'sh', 'awk', 'tr', 'sed', 'cat', 'mv', 'rm', 'mkdir', 'printf', 'date', 'cmp']) {
    const p = which(tool);
    if (p) symlinkSync(p, join(bin, tool));
  }
  return bin;
}

export interface Entry {
  kind: 'file' | 'dir' | 'link';
  mode: number;
  content: string;
}

/** Every entry under `dir` (recursive): kind, permission bits, content or link target. */
export function snapshot(dir: string): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  const walk = (d: string, prefix: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      const rel = prefix + name;
      if (st.isSymbolicLink()) out[rel] = { kind: 'link', mode: 0, content: readlinkSync(p) };
      else if (st.isDirectory()) {
        out[rel] = { kind: 'dir', mode: st.mode & 0o777, content: '' };
        walk(p, `${rel}/`);
      } else out[rel] = { kind: 'file', mode: st.mode & 0o777, content: readFileSync(p, 'utf8') };
    }
  };
  walk(dir, '');
  return out;
}

// ---- The trailer escaping, modelled from the contract ------------------------------------------

/** How a free text must appear inside a trailer value: one line, no edge spaces, `;` escaped. */
export function escaped(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === ';') out += '\\;';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029)
      out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  if (out.startsWith(' ')) out = `\\s${out.slice(1)}`;
  if (out.endsWith(' ')) out = `${out.slice(0, -1)}\\s`;
  return out;
}

/** The inverse: a trailer value field back to the text. */
export function unescaped(value: string): string {
  return value.replace(/\\(u\{([0-9a-f]+)\}|.)/g, (_m, what: string, hex: string | undefined) => {
    if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
    switch (what) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 's':
        return ' ';
      default:
        return what;
    }
  });
}

/** Split a value on unescaped `;` into its head and `name: value` fields (still escaped). */
export function fields(value: string): { head: string; fields: Record<string, string> } {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\' && i + 1 < value.length) {
      cur += value[i]! + value[i + 1]!;
      i++;
    } else if (value[i] === ';') {
      parts.push(cur);
      cur = '';
    } else cur += value[i]!;
  }
  parts.push(cur);
  const [head, ...rest] = parts;
  const out: Record<string, string> = {};
  for (const p of rest) {
    const m = /^ ([a-z]+): ([\s\S]*)$/.exec(p);
    if (m) out[m[1]!] = m[2]!;
  }
  return { head: head!, fields: out };
}
