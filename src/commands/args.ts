// Normalising option values as cac hands them over (string, number, boolean or array).

import { usageError } from '../errors.js';

export type Raw = unknown;

/** A single-valued option: undefined when absent; an error when given twice or without a value. */
export function optString(value: Raw, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw usageError(`${flag} was given more than once`, `give ${flag} once`);
  if (typeof value === 'boolean') throw usageError(`${flag} needs a value`, `${flag} "…"`);
  return String(value);
}

/** A repeatable option: always an array of strings. */
export function optStrings(value: Raw, flag: string): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => {
    if (typeof v === 'boolean') throw usageError(`${flag} needs a value`, `${flag} "…"`);
    return String(v);
  });
}

export function optFlag(value: Raw): boolean {
  if (Array.isArray(value)) return value.some(Boolean);
  return value === true || value === 'true';
}

export function optInt(value: Raw, flag: string, min = 1): number | undefined {
  const s = optString(value, flag);
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n < min)
    throw usageError(`${flag} must be a whole number of at least ${min}`, `for example ${flag} ${Math.max(min, 10)}`);
  return n;
}
