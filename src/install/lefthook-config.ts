// Adding and removing our commands in a lefthook config, keeping the user's comments and layout
// (the yaml Document API edits the tree in place). Pure: text in, text out.

import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { HOOK_NAMES, type HookName, lefthookRun } from './blocks.js';

const NAME = 'git-session';

function entry(hook: HookName): Record<string, unknown> {
  return hook === 'post-rewrite' ? { run: lefthookRun(hook), use_stdin: true } : { run: lefthookRun(hook) };
}

export class LefthookConfigError extends Error {}

function load(text: string) {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new LefthookConfigError(`not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new LefthookConfigError('the top level is not a mapping');
  return doc;
}

/** The config with a `git-session` command in each of our hooks (replacing an older one). */
export function addToLefthook(text: string): string {
  const doc = load(text);
  for (const hook of HOOK_NAMES) {
    const section = doc.get(hook, true);
    if (section !== undefined && !isMap(section)) throw new LefthookConfigError(`'${hook}' is not a mapping`);
    const jobs = isMap(section) ? (section as YAMLMap).get('jobs', true) : undefined;
    if (isSeq(jobs)) {
      // The hook already uses `jobs:` (lefthook 1.10+); add ours as a named job.
      const seq = jobs as YAMLSeq;
      const idx = seq.items.findIndex((j) => isMap(j) && (j as YAMLMap).get('name') === NAME);
      const node = doc.createNode({ name: NAME, ...entry(hook) });
      if (idx >= 0) seq.items[idx] = node;
      else seq.items.push(node);
    } else {
      doc.setIn([hook, 'commands', NAME], doc.createNode(entry(hook)));
    }
  }
  return doc.toString();
}

/** The config without our commands; hook sections left empty by that are removed too. */
export function removeFromLefthook(text: string): string {
  const doc = load(text);
  for (const hook of HOOK_NAMES) {
    const section = doc.get(hook, true);
    if (!isMap(section)) continue;
    const map = section as YAMLMap;
    const commands = map.get('commands', true);
    if (isMap(commands)) {
      (commands as YAMLMap).delete(NAME);
      if ((commands as YAMLMap).items.length === 0) map.delete('commands');
    }
    const jobs = map.get('jobs', true);
    if (isSeq(jobs)) {
      const seq = jobs as YAMLSeq;
      seq.items = seq.items.filter((j) => !(isMap(j) && (j as YAMLMap).get('name') === NAME));
      if (seq.items.length === 0) map.delete('jobs');
    }
    if (map.items.length === 0) doc.delete(hook);
  }
  return doc.contents === null || (isMap(doc.contents) && (doc.contents as YAMLMap).items.length === 0)
    ? ''
    : doc.toString();
}

/** Whether the config runs our command for `hook`. */
export function lefthookHas(text: string, hook: HookName): boolean {
  try {
    const doc = load(text);
    if (doc.getIn([hook, 'commands', NAME]) !== undefined) return true;
    const jobs = doc.getIn([hook, 'jobs'], true);
    return isSeq(jobs) && (jobs as YAMLSeq).items.some((j) => isMap(j) && (j as YAMLMap).get('name') === NAME);
  } catch {
    return false;
  }
}
