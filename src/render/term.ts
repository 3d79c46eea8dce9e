// Terminal output: colour only for a person at a terminal, and user text that can never drive
// the terminal (escape sequences, control and bidi characters are shown, not interpreted).

import { AGENT_ENV_VARS, UNSAFE_TEXT_RANGES } from '../model/hook-contract.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  cyan(s: string): string;
}

/** Environment variables coding agents set; their output is read by a program, not a person. */
const AGENT_VARS = AGENT_ENV_VARS;

/** Colours or not; `isTTY` is asked last, only when the environment leaves it open. */
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean | (() => boolean)): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (AGENT_VARS.some((v) => env[v] !== undefined && env[v] !== '')) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return env.TERM !== 'dumb' && (typeof isTTY === 'function' ? isTTY() : isTTY);
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const plain = (s: string) => s;

export function makeStyle(color: boolean): Style {
  if (!color) return { bold: plain, dim: plain, green: plain, yellow: plain, red: plain, cyan: plain };
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    red: wrap(31, 39),
    cyan: wrap(36, 39),
  };
}

// C0 and C1 controls but tab and newline, DEL, line/paragraph separators, bidi overrides and
// isolates (the contract's ranges: the hooks escape the same, hooks/safe.awk), lone surrogates.
const u = (cp: number) => `\\u${cp.toString(16).padStart(4, '0')}`;
const UNSAFE = new RegExp(
  `[${UNSAFE_TEXT_RANGES.map(([a, b]) => `${u(a)}-${u(b)}`).join('')}]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]`,
  'g',
);

function visible(ch: string): string {
  if (ch === '\t') return '\\t';
  return `\\u{${ch.charCodeAt(0).toString(16)}}`;
}

/** Controls, bidi overrides and lone surrogates shown as `\\u{…}`; everything else (newlines, tabs) kept. */
export function visibleUnsafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** User text on one line: newlines shown as ⏎ and everything unsafe escaped. */
export function safeLine(text: string): string {
  return text
    .replace(UNSAFE, visible)
    .replace(/\r?\n|\r/g, ' ⏎ ')
    .replace(/\t/g, '\\t');
}

/** User text as a block: newlines kept, continuation lines indented by `indent`. */
export function safeBlock(text: string, indent: string): string {
  return text
    .replace(UNSAFE, visible)
    .replace(/\t/g, '    ')
    .split(/\r?\n|\r/)
    .join(`\n${indent}`);
}
