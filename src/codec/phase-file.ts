// The phase plan file, `.session/phases.yaml` (docs/phases.md): tracked, shared by every session,
// merged by git with the code, edited by `git session phase …` and by hand. It comes with a clone,
// so it is read as a stranger's: at most 256 KiB, YAML aliases capped, duplicate keys refused, every
// value checked; what is wrong is named by file line with the way out. git-session changes it in
// place — only the values that changed, through yaml's document model — so comments, order and
// hand edits stay. Pure.

import { type Document, isMap, isSeq, LineCounter, type Node, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  MAX_PHASE_CRITERIA,
  MAX_PHASE_NAME,
  MAX_PHASES,
  PHASE_STAGES,
  PHASE_STATUSES,
  type Phase,
  type PhaseCriterion,
  type PhasePlan,
} from '../model/phases.js';
import { MAX_TEXT_BYTES } from '../model/text.js';
import { OWNED_LINES } from './owned-marker.js';

export const MAX_PLAN_BYTES = 256 * 1024;

/** A plan file that cannot be read as one: where, and what. */
export class PlanFileError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadPlan {
  plan: PhasePlan;
  /** Keys git-session does not know (kept in the file, said once). */
  unknown: string[];
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const SHA = /^[0-9a-f]{7,64}$/;
const SIGNAL = /^SIG[A-Z0-9]{1,12}$/;

const PHASE_KEYS = ['name', 'status', 'stage', 'started', 'completed', 'commit', 'criteria'];
const CRITERION_KEYS = ['text', 'check', 'result', 'by', 'exit', 'signal', 'timed_out', 'ms', 'at', 'commit'];

interface Reader {
  lines: LineCounter;
  unknown: string[];
}

function lineOf(r: Reader, node: unknown): number | null {
  const range = (node as Node | null)?.range;
  return range ? r.lines.linePos(range[0]).line : null;
}

function fail(r: Reader, node: unknown, message: string): never {
  throw new PlanFileError(lineOf(r, node), message);
}

/** The value at `key` of a mapping node, checked by `check` (undefined when absent). */
function field<T>(
  r: Reader,
  map: YAMLMap,
  key: string,
  where: string,
  check: (v: unknown) => T | undefined,
  want: string,
): T | null {
  const node = map.get(key, true) as Node | undefined;
  if (node === undefined) return null;
  const v = (node as { toJSON?: () => unknown }).toJSON?.() ?? (node as { value?: unknown }).value;
  if (v === null || v === undefined) return null;
  const ok = check(v);
  if (ok === undefined) fail(r, node, `${where}: '${key}' must be ${want}`);
  return ok;
}

const text =
  (max: number, oneLine = false) =>
  (v: unknown): string | undefined =>
    typeof v === 'string' && v.trim() !== '' && v.length <= max && !v.includes('\0') && !(oneLine && /[\r\n]/.test(v))
      ? v
      : undefined;
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): T | undefined =>
    values.includes(v as T) ? (v as T) : undefined;
const matching = (re: RegExp) => (v: unknown) => (typeof v === 'string' && re.test(v) ? v : undefined);
const wholeNumber = (max: number) => (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? v : undefined;
const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);

function unknownKeys(r: Reader, map: YAMLMap, known: readonly string[], where: string): void {
  for (const item of map.items) {
    const key = String((item.key as { value?: unknown } | null)?.value ?? item.key);
    if (!known.includes(key)) r.unknown.push(`${where}: '${key}'`);
  }
}

function readCriterion(r: Reader, node: unknown, where: string): PhaseCriterion {
  if (!isMap(node)) fail(r, node, `${where} must be a mapping (text:, check:)`);
  unknownKeys(r, node, CRITERION_KEYS, where);
  const t = field(r, node, 'text', where, text(MAX_TEXT_BYTES), 'text');
  const check = field(r, node, 'check', where, text(MAX_TEXT_BYTES), 'a line of shell');
  if (t === null && check === null) fail(r, node, `${where} needs a text (or a check)`);
  return {
    text: t ?? check!,
    check,
    result: field(r, node, 'result', where, oneOf(['passed', 'failed'] as const), 'passed or failed'),
    by: field(r, node, 'by', where, oneOf(['check', 'hand'] as const), 'check or hand'),
    exitCode: field(r, node, 'exit', where, wholeNumber(255), 'an exit code (0 to 255)'),
    signal: field(r, node, 'signal', where, matching(SIGNAL), 'a signal name such as SIGKILL'),
    timedOut: field(r, node, 'timed_out', where, bool, 'true or false') ?? false,
    durationMs: field(r, node, 'ms', where, wholeNumber(2 ** 48), 'milliseconds'),
    at: field(r, node, 'at', where, matching(ISO), 'an ISO time such as 2026-01-05T09:00:00Z'),
    commit: field(r, node, 'commit', where, matching(SHA), 'a commit id (hex)'),
  };
}

function readPhase(r: Reader, node: unknown, n: number): Phase {
  const where = `phase ${n}`;
  if (!isMap(node)) fail(r, node, `${where} must be a mapping (name:, status:, …)`);
  unknownKeys(r, node, PHASE_KEYS, where);
  const name = field(
    r,
    node,
    'name',
    where,
    text(MAX_PHASE_NAME, true),
    `one line of at most ${MAX_PHASE_NAME} characters`,
  );
  if (name === null) fail(r, node, `${where} has no name`);
  const list = node.get('criteria', true) as Node | undefined;
  const criteria: PhaseCriterion[] = [];
  if (list !== undefined && isSeq(list)) {
    if (list.items.length > MAX_PHASE_CRITERIA) fail(r, list, `${where} has more than ${MAX_PHASE_CRITERIA} criteria`);
    list.items.forEach((c, i) => {
      criteria.push(readCriterion(r, c, `${where}, criterion ${i + 1}`));
    });
  } else if (list !== undefined && (list as { value?: unknown }).value !== null)
    fail(r, list, `${where}: 'criteria' must be a list`);
  return {
    name,
    status: field(r, node, 'status', where, oneOf(PHASE_STATUSES), PHASE_STATUSES.join(', ')) ?? 'pending',
    stage: field(r, node, 'stage', where, oneOf(PHASE_STAGES), PHASE_STAGES.join(', ')),
    started: field(r, node, 'started', where, matching(ISO), 'an ISO time'),
    completed: field(r, node, 'completed', where, matching(ISO), 'an ISO time'),
    commit: field(r, node, 'commit', where, matching(SHA), 'a commit id (hex)'),
    criteria,
  };
}

/** The YAML document of a plan file's text, checked for what YAML itself refuses. */
function parsePlanDocument(text: string, lines: LineCounter): Document.Parsed {
  if (text.length > MAX_PLAN_BYTES) throw new PlanFileError(null, `it is larger than ${MAX_PLAN_BYTES / 1024} KiB`);
  if (/^(<{7}|>{7}|={7})( |$)/m.test(text)) {
    const line = text.split('\n').findIndex((l) => /^(<{7}|>{7}|={7})( |$)/.test(l)) + 1;
    throw new PlanFileError(line, 'it holds merge conflict markers; resolve the conflict (git add it) first');
  }
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, strict: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    // Without prettyErrors, an error has its offset only: the line comes from the line counter.
    const line = e.linePos?.[0]?.line ?? (e.pos ? lines.linePos(e.pos[0]).line : null);
    throw new PlanFileError(line, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  try {
    // Aliases are expanded here only to be counted: an alias bomb stops now, not later.
    doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    throw new PlanFileError(null, `rejected: ${(e as Error).message.split('\n')[0]}`);
  }
  return doc;
}

/** Read a plan file's text (an empty file is an empty plan). */
export function readPlan(source: string): ReadPlan {
  const r: Reader = { lines: new LineCounter(), unknown: [] };
  const doc = parsePlanDocument(source, r.lines);
  const top = doc.contents;
  if (top === null) return { plan: { phases: [] }, unknown: [] };
  if (!isMap(top)) fail(r, top, 'the file must be a mapping with version: 1 and phases:');
  unknownKeys(r, top, ['version', 'phases'], 'the file');
  const version = field(r, top, 'version', 'the file', wholeNumber(1000), 'a number');
  if (version !== null && version !== 1)
    fail(r, top.get('version', true), `version ${version} is not one this git-session reads`);
  const phases = top.get('phases', true) as Node | undefined;
  if (phases === undefined || (phases as { value?: unknown }).value === null)
    return { plan: { phases: [] }, unknown: r.unknown };
  if (!isSeq(phases)) fail(r, phases, "'phases' must be a list");
  if (phases.items.length > MAX_PHASES) fail(r, phases, `a plan holds at most ${MAX_PHASES} phases`);
  return { plan: { phases: phases.items.map((p, i) => readPhase(r, p, i + 1)) }, unknown: r.unknown };
}

/** A phase's fields as the file spells them, absent ones left out. */
function phaseFields(p: Phase): [string, unknown][] {
  return [
    ['name', p.name],
    ['status', p.status],
    ['stage', p.stage],
    ['started', p.started],
    ['completed', p.completed],
    ['commit', p.commit],
  ];
}

function criterionFields(c: PhaseCriterion): [string, unknown][] {
  return [
    ['text', c.check !== null && c.text === c.check ? null : c.text],
    ['check', c.check],
    ['result', c.result],
    ['by', c.by],
    ['exit', c.exitCode],
    ['signal', c.signal],
    ['timed_out', c.timedOut ? true : null],
    ['ms', c.durationMs],
    ['at', c.at],
    ['commit', c.commit],
  ];
}

const plain = (fields: [string, unknown][]) =>
  Object.fromEntries(fields.filter(([, v]) => v !== null && v !== undefined));

/**
 * Set each field of a mapping that differs from what it holds; a null one is removed. A field the
 * mapping lacks goes where its order puts it (before the first later field the mapping has), so
 * the file reads the same however it was written.
 */
function setFields(doc: Document, path: (string | number)[], fields: [string, unknown][]): void {
  const map = doc.getIn(path, true);
  if (!isMap(map)) return;
  const order = fields.map(([k]) => k);
  const keyOf = (item: { key: unknown }) => String((item.key as { value?: unknown } | null)?.value ?? item.key);
  for (const [key, value] of fields) {
    const at = map.items.findIndex((item) => keyOf(item) === key);
    if (value === null || value === undefined) {
      if (at >= 0) map.items.splice(at, 1);
      continue;
    }
    if (at >= 0) {
      if (map.get(key) !== value) map.set(key, value);
      continue;
    }
    const rank = order.indexOf(key);
    let before = map.items.findIndex((item) => {
      const r = order.indexOf(keyOf(item));
      return r > rank;
    });
    // Fields of a phase come before its criteria.
    if (before < 0) before = map.items.findIndex((item) => keyOf(item) === 'criteria');
    const pair = doc.createPair(key, value);
    if (before < 0) map.items.push(pair);
    else map.items.splice(before, 0, pair);
  }
}

function newPhaseNode(doc: Document, p: Phase): Node {
  const node = doc.createNode({
    ...plain(phaseFields(p)),
    ...(p.criteria.length > 0 ? { criteria: p.criteria.map((c) => plain(criterionFields(c))) } : {}),
  }) as YAMLMap;
  return node;
}

/**
 * The file's text with the plan written into it: each value that changed set in place (comments,
 * order and unknown keys kept), new phases and criteria appended. `source` null: a new file.
 */
export function writePlan(source: string | null, plan: PhasePlan): string {
  if (source === null || source.trim() === '') {
    const lines = [OWNED_LINES['phase-plan'], 'version: 1', plan.phases.length === 0 ? 'phases: []' : 'phases:'];
    source = `${lines.join('\n')}\n`;
  }
  const doc = parsePlanDocument(source, new LineCounter());
  if (!isSeq(doc.get('phases', true))) doc.set('phases', doc.createNode([]));
  const seq = doc.get('phases', true) as YAMLSeq;
  seq.flow = false;
  plan.phases.forEach((p, i) => {
    if (i >= seq.items.length) {
      seq.items.push(newPhaseNode(doc, p));
      return;
    }
    setFields(doc, ['phases', i], phaseFields(p));
    const have = (doc.getIn(['phases', i, 'criteria'], true) as YAMLSeq | undefined)?.items.length ?? 0;
    p.criteria.forEach((c, j) => {
      if (j < have) setFields(doc, ['phases', i, 'criteria', j], criterionFields(c));
      else if (have === 0 && j === 0) doc.setIn(['phases', i, 'criteria'], doc.createNode([plain(criterionFields(c))]));
      else doc.addIn(['phases', i, 'criteria'], doc.createNode(plain(criterionFields(c))));
    });
  });
  return doc.toString({ lineWidth: 0 });
}
