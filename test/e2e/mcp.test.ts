// `git session mcp` spoken to as a coding agent does: the official MCP client starts the built
// binary over stdio in a real repository (initialize, tools/list, a call of every tool), and what
// the tools record is the repository's — the journal, the next commit's trailers, the CLI's view.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionRepo, startSession } from '../helpers/hooks.js';
import { BIN, cleanupAll, type TestRepo } from '../helpers/repo.js';
import { SAMPLES } from '../helpers/secret-samples.js';

afterAll(cleanupAll);

type Result = { content: { type: string; text: string }[]; isError?: boolean };

async function connect(r: TestRepo, args: string[] = [], env: Record<string, string> = {}, cwd = r.dir) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...args],
    cwd,
    env: { ...(r.env as Record<string, string>), ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const client = new Client({ name: 'e2e', version: '0' });
  await client.connect(transport);
  const call = async (name: string, args: Record<string, unknown> = {}): Promise<Result & { text: string }> => {
    const res = (await client.callTool({ name, arguments: args })) as Result;
    return { ...res, text: res.content.map((c) => c.text).join('\n') };
  };
  return { client, call, stderr: () => stderr };
}

describe('git session mcp over stdio', () => {
  let r: TestRepo;
  let id: string;
  let mcp: Awaited<ReturnType<typeof connect>>;

  beforeAll(async () => {
    ({ r, id } = sessionRepo('feature/mcp', ['Serve the agents']));
    r.commit('feat: the server', { 'src/server.ts': 'export const serve = 1;\n' });
    mcp = await connect(r);
  });

  afterAll(async () => {
    await mcp?.client.close();
  });

  it('initializes as git-session, with short instructions and six lean tools', async () => {
    expect(mcp.client.getServerVersion()).toMatchObject({ name: 'git-session' });
    const instructions = mcp.client.getInstructions() ?? '';
    expect(instructions).toContain('brief');
    expect(instructions.length).toBeLessThanOrEqual(512);
    const list = await mcp.client.listTools();
    expect(list.tools.map((t) => t.name)).toEqual(['brief', 'status', 'record', 'handoff', 'why', 'search']);
    expect(JSON.stringify(list).length).toBeLessThan(6 * 1024);
    expect(list.tools.find((t) => t.name === 'brief')?.annotations?.readOnlyHint).toBe(true);
    expect(list.tools.find((t) => t.name === 'record')?.annotations?.readOnlyHint).toBe(false);
  });

  it('record writes to the session as the CLI would: the journal, then the next commit carries it', async () => {
    const decision = await mcp.call('record', {
      kind: 'decision',
      text: 'Serve over stdio',
      rationale: 'agents start it',
    });
    expect(decision.isError).toBeFalsy();
    expect(decision.text).toMatch(/^Recorded dec-\w+: Serve over stdio/);
    expect((await mcp.call('record', { kind: 'progress', text: 'tools listed' })).isError).toBeFalsy();
    expect((await mcp.call('record', { kind: 'next', text: 'Bench the start-up' })).isError).toBeFalsy();
    expect((await mcp.call('record', { kind: 'blocker', text: 'Waiting on the SDK docs' })).isError).toBeFalsy();
    const resolved = await mcp.call('record', { kind: 'resolve', item: '1', text: 'read the types instead' });
    expect(resolved.text).toContain('Resolved');
    expect((await mcp.call('record', { kind: 'objective', text: 'Document the tools' })).isError).toBeFalsy();
    const done = await mcp.call('record', { kind: 'done', text: 'Serve the agents' });
    expect(done.isError).toBeFalsy();

    const show = r.json(['show']);
    expect(show.decisions.map((d: any) => [d.text, d.rationale])).toEqual([['Serve over stdio', 'agents start it']]);
    expect(show.next).toEqual(['Bench the start-up']);
    expect(show.blockers[0]).toMatchObject({ status: 'resolved', note: 'read the types instead' });
    expect(show.objectives.map((o: any) => [o.text, o.status])).toEqual([
      ['Serve the agents', 'done'],
      ['Document the tools', 'open'],
    ]);
    r.commit('chore: carry');
    expect(r.trailers()).toContain('Decisions: ');
    expect(r.trailers()).toContain('Serve over stdio; rationale: agents start it');
    expect(r.trailers()).toContain(`Session: ${id}`);
  });

  it('record replaces a decision (supersedes), and refuses what does not go with its kind', async () => {
    const first = r.json(['decisions', 'list'])[0].id as string;
    const replaced = await mcp.call('record', {
      kind: 'decision',
      text: 'Serve over stdio and HTTP',
      supersedes: first,
    });
    expect(replaced.isError).toBeFalsy();
    expect(replaced.text).toContain(`It replaces ${first}`);
    const wrong = await mcp.call('record', { kind: 'progress', text: 'x', rationale: 'not for progress' });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toContain('rationale goes with kind decision');
    const invalid = await mcp.call('record', { kind: 'wish', text: 'x' });
    expect(invalid.isError).toBe(true);
    const huge = await mcp.call('record', { kind: 'progress', text: 'y'.repeat(100_000) });
    expect(huge.isError).toBe(true);
    // Nothing of the refused calls was recorded.
    const log = r.json(['show']).log.map((e: any) => e.text);
    expect(log).not.toContain('x');
    expect(log.some((t: string) => t.startsWith('yyy'))).toBe(false);
    // What looks like an option or a trailer is text, kept as typed.
    const odd = '-h --\nSession: 01900000-0000-7000-8000-000000000000';
    expect((await mcp.call('record', { kind: 'progress', text: odd })).isError).toBeFalsy();
    expect(r.json(['show']).log.map((e: any) => e.text)).toContain(odd);
  });

  it('brief, status, handoff, why and search answer with what the CLI prints', async () => {
    const brief = await mcp.call('brief', { max_tokens: 400 });
    expect(brief.text).toContain('# Session brief: Serve the agents');
    expect(brief.text).toContain('Serve over stdio and HTTP');
    expect(Buffer.byteLength(brief.text)).toBeLessThanOrEqual(400 * 4);

    expect((await mcp.call('status')).text).toContain('feature/mcp');

    const handoff = await mcp.call('handoff', { note: 'Start from the bench', write: true });
    expect(handoff.text).toContain('Noted for the next session');
    expect(handoff.text).toContain('Wrote NEXT_SESSION.md');
    expect(readFileSync(join(r.dir, 'NEXT_SESSION.md'), 'utf8')).toContain('Start from the bench');

    r.commit('feat(server): tools', { 'src/server.ts': 'export const serve = 2;\n' });
    const why = await mcp.call('why', { path: 'src/server.ts' });
    expect(why.text).toContain('feature/mcp');
    expect(why.text).toContain('Serve over stdio and HTTP');
    expect(why.text).toMatch(/Serve over stdio \(dec-\w+\) replaced by/);

    const search = await mcp.call('search', { query: 'stdio "and HTTP"' });
    expect(search.isError).toBeFalsy();
    expect(search.text).toContain('Serve over stdio and HTTP');
    expect(search.text).not.toMatch(/\[replaced\]/);
    const none = await mcp.call('search', { query: 'kubernetes' });
    expect(none.isError).toBeFalsy();
    expect(none.text).toBe('No match.');
  });

  it('a failure is the call’s error result; the server goes on, also for concurrent calls', async () => {
    const unknown = await mcp.call('status', { session: 'no-such-session' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain("no session matches 'no-such-session'");
    const outside = await mcp.call('why', { path: '../../etc/passwd' });
    expect(outside.isError).toBe(true);
    expect(outside.text).toContain('outside the repository');
    const notRepo = await mcp.call('brief', { cwd: '/' });
    expect(notRepo.isError).toBe(true);
    const noDir = await mcp.call('status', { cwd: '-h' });
    expect([noDir.isError, noDir.text]).toEqual([true, expect.stringContaining("-h' is not a directory")]);
    // Calls sent together run one after the other, each recorded.
    const all = await Promise.all(
      Array.from({ length: 5 }, (_v, i) => mcp.call('record', { kind: 'discovery', text: `parallel ${i}` })),
    );
    expect(all.every((x) => !x.isError)).toBe(true);
    expect(
      r
        .json(['show'])
        .log.filter((e: any) => e.kind === 'discovery')
        .map((e: any) => e.text),
    ).toEqual(['parallel 0', 'parallel 1', 'parallel 2', 'parallel 3', 'parallel 4']);
    expect((await mcp.call('status')).isError).toBeFalsy();
    // Standard output carried only the protocol: the client parsed every message.
    expect(mcp.stderr()).not.toContain('internal error');
  });

  it('a secret is refused through record as through the CLI, and never quoted back in an error', async () => {
    const token = SAMPLES['github-pat']!();
    const refused = await mcp.call('record', { kind: 'decision', text: `deploy with ${token}` });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('(rule github-pat) at line 1, column 13; nothing was recorded');
    const quoted = await mcp.call('record', { kind: 'progress', text: 'x', session: token });
    expect(quoted.isError).toBe(true);
    expect(quoted.text).toContain('[secret: github-pat]');
    for (const out of [refused.text, quoted.text, mcp.stderr(), JSON.stringify(r.json(['show']))])
      expect(out).not.toContain(token.slice(8, 30));
  });

  it('acts on the repository of a cwd argument, of --cwd, or of CLAUDE_PROJECT_DIR', async () => {
    const other = sessionRepo('feature/other', ['Another repository']).r;
    const viaArg = await mcp.call('brief', { cwd: other.dir });
    expect(viaArg.text).toContain('# Session brief: Another repository');
    startSession(other, 'feature/third', ['Third']);
    const started = await connect(other, ['--cwd', other.dir], {}, '/');
    expect((await started.call('brief')).text).toContain('# Session brief: Third');
    await started.client.close();
    const claude = await connect(other, [], { CLAUDE_PROJECT_DIR: other.dir }, '/');
    expect((await claude.call('status')).text).toContain('feature/third');
    await claude.client.close();
    expect(existsSync(join(other.dir, 'NEXT_SESSION.md'))).toBe(false);
  });
});
