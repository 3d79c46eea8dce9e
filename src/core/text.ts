// What counts as acceptable user text. Anything a person can type is stored exactly — quotes,
// `#`, colons, newlines, unicode, control characters — but not nothing, and not without limit.

import { userError } from '../model/errors.js';
import { clip, MAX_NAME_LENGTH, MAX_TEXT_BYTES } from '../model/text.js';

export function checkText(label: string, value: string): string {
  if (value.trim() === '') throw userError('empty-text', `${label} is empty`, `give the ${label} as text, e.g. "…"`);
  const bytes = Buffer.byteLength(value);
  if (bytes > MAX_TEXT_BYTES)
    throw userError(
      'text-too-long',
      `${label} is ${bytes} bytes; the limit is ${MAX_TEXT_BYTES}`,
      'keep it short here and put the long version in a file of the repository',
    );
  return value;
}

const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

export function checkName(name: string): string {
  if (!NAME_RE.test(name) || name.length > MAX_NAME_LENGTH || name.includes('..'))
    throw userError(
      'bad-name',
      `'${clip(name)}' is not a usable session name`,
      `use lowercase letters, digits, '.', '_' and '-', at most ${MAX_NAME_LENGTH} characters`,
    );
  return name;
}

/**
 * A name `checkName` accepts, made from any text: accents dropped, lowercased, every run of other
 * characters one `-`, at most 64 characters, no `..`, letters or digits at both ends; `session`
 * when nothing is left.
 */
export function slugName(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return slug === '' ? 'session' : slug;
}

/** A name derived from a branch: its last component, slugified ("feature/OAuth login" -> "oauth-login"). */
export function nameFromBranch(branch: string): string {
  return slugName(branch.split('/').filter(Boolean).pop() ?? branch);
}

/** `base`, or `base-2`, `base-3`... whichever is not taken. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = `-${i}`;
    const candidate = base.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
