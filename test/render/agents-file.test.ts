// Seed 002's living file (render/agents-file.ts): the frontmatter is YAML that holds any text exactly,
// the Markdown cannot be given a heading by a text, the agents go in waves, and seed 002's own reader
// (src/import/agents.ts) reads back what was written.

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ChildView } from '../../src/core/children.js';
import { fold } from '../../src/core/fold.js';
import { parseSeedFiles } from '../../src/import/parse.js';
import { agentsFilePath, renderAgentsFile, waves } from '../../src/render/agents-file.js';
import { script } from '../helpers/events.js';

const HOSTILE = 'Line one\n## Injected heading\n---\nkey: value\n"quoted" \\ back\u2028sep\u0085nel #not a comment';

const child = (
  name: string,
  after: string[],
  status: ChildView['status'],
  summary: string | null = null,
): ChildView => ({
  id: `01936b2c-7f3e-7abc-9def-0000000000${name.length}${after.length}`,
  name,
  branch: `feature/w-${name}`,
  worktree: null,
  agent: 'backend-dev',
  task: `${name}: ${HOSTILE}`,
  after,
  status,
  summary,
  waitingFor: status === 'waiting' ? after : [],
});

const s = fold(
  script(
    { type: 'session.started', name: 'weather', title: HOSTILE, branch: 'feature/weather', tasks: ['BACK-123'] },
    { type: 'objective.added', objective: 'obj-0000000000001', text: 'First\n## Not a heading' },
    { type: 'objective.completed', objective: 'obj-0000000000001' },
    { type: 'objective.added', objective: 'obj-0000000000002', text: 'Second' },
    { type: 'decision.recorded', decision: 'dec-0000000000001', text: HOSTILE, rationale: 'because\n### no' },
    { type: 'session.now', text: HOSTILE },
    { type: 'decision.recorded', decision: 'dec-0000000000002', text: 'Polling every minute' },
    { type: 'decision.recorded', decision: 'dec-0000000000003', text: 'Webhooks', supersedes: 'dec-0000000000002' },
  ),
)!;
const children = [
  child('api', [], 'completed', HOSTILE),
  child('tests', [], 'active'),
  child('rollout', ['api', 'tests'], 'waiting'),
];
const text = renderAgentsFile(s, { parent: null, children });
const front = text.split('\n---\n')[0]!.slice(4);

describe("seed 002's living file", () => {
  it('is named by the creation time and short name, in .agents/sessions/', () => {
    expect(agentsFilePath(s)).toMatch(/^\.agents\/sessions\/\d{8}-\d{6}-weather\.md$/);
  });

  it('keeps every text exactly in YAML that parses, whatever the text holds', () => {
    const fm = parseYaml(front);
    expect(fm.session).toMatchObject({ title: HOSTILE, status: 'in_progress', linear_issue: 'BACK-123', id: s.id });
    expect(fm.orchestration.current_task).toBe(HOSTILE);
    expect(fm.orchestration.spawned_agents.map((a: any) => [a.name, a.status, a.summary ?? null])).toEqual([
      ['api', 'completed', HOSTILE],
      ['tests', 'in_progress', null],
      ['rollout', 'pending', null],
    ]);
    expect(fm.orchestration.spawned_agents[0].task).toBe(`api: ${HOSTILE}`);
  });

  it('gives no text a heading, a list or a frontmatter of its own', () => {
    const lines = text.split('\n');
    // Every text is escaped or folded: nothing it holds starts a line of its own as Markdown.
    for (const l of lines) expect(l, l).not.toMatch(/^(#+ (Injected|Not a heading|no)|---.)/);
    expect(lines.filter((l) => l === '---')).toHaveLength(3); // the frontmatter's two, the seed's rule before the log
    expect(lines.filter((l) => /^## /.test(l))).toEqual([
      '## Context',
      '## Current State',
      '## Execution Progress',
      '## Decisions',
      '## Blockers',
      '## Session Log',
      '## Next Steps',
    ]);
  });

  it('shows the decisions in force: a replaced one gives way', () => {
    expect(text).toContain('**Decision**: Webhooks');
    expect(text).not.toContain('Polling every minute');
  });

  it('puts a child spawned --after others in the wave after theirs, and survives a cycle', () => {
    expect(waves(children).map((w) => w.map((c) => c.name))).toEqual([['api', 'tests'], ['rollout']]);
    expect(text).toContain('### Wave 1: api, tests (ACTIVE)');
    expect(text).toMatch(/### Wave 2: rollout \(blocked by Wave 1\)/);
    const a = child('a', ['b'], 'active');
    const b = child('b', ['a'], 'active');
    expect(
      waves([a, b])
        .flat()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it("reads back through seed 002's reader as the same session, once git-session's mark is gone", () => {
    const plain = fold(
      script(
        { type: 'session.started', name: 'weather', title: 'Weather fallback', branch: 'f/w', tasks: ['BACK-123'] },
        { type: 'session.now', text: 'Wire the fallback' },
      ),
    )!;
    const written = renderAgentsFile(plain, { parent: null, children });
    const bytes = new TextEncoder().encode(written.replace(/^# <!-- Written by git-session.*\n/m, ''));
    const read = parseSeedFiles('agents', [{ path: agentsFilePath(plain), bytes }]);
    expect(read.warnings).toEqual([]);
    expect(read.sessions[0]).toMatchObject({
      title: 'Weather fallback',
      currentTask: 'Wire the fallback',
      tasks: ['BACK-123'],
      status: 'active',
      created: plain.createdAt,
    });
    expect(read.sessions[0]!.agents.map((x) => [x.agent, x.status])).toEqual([
      ['backend-dev', 'completed'],
      ['backend-dev', 'in-progress'],
      ['backend-dev', 'pending'],
    ]);
    // With the mark, it is git-session's own file: never imported as another tool's.
    const own = parseSeedFiles('agents', [{ path: agentsFilePath(plain), bytes: new TextEncoder().encode(written) }]);
    expect(own.sessions).toEqual([]);
  });
});
