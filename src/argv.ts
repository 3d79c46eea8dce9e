// cac parses with mri, which (1) turns option values that look like numbers into numbers —
// `--task 007` would become 7 and `--title 1e3` 1000 — and (2) takes a value starting with `-` for
// another flag, so `--rationale "-x is faster"` would fail. Both lose what the user typed. Before
// cac sees argv: a required-value option takes the next argument whatever it looks like (as git
// does), and numeric-looking values are shielded with a marker that is stripped after parsing.

const SHIELD = '\u0001';

export interface ValueOption {
  /** Names without dashes, e.g. ['o', 'objective']. */
  names: string[];
}

function looksNumeric(v: string): boolean {
  return Number.isFinite(+v);
}

export function shieldArgv(argv: readonly string[], valueOptions: readonly ValueOption[]): string[] {
  const takesValue = new Set<string>();
  for (const o of valueOptions) for (const n of o.names) takesValue.add(n.length === 1 ? `-${n}` : `--${n}`);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      // Everything after `--` is positional; cac keeps it aside untouched.
      out.push(...argv.slice(i));
      break;
    }
    if (takesValue.has(arg) && i + 1 < argv.length) {
      const value = argv[++i]!;
      out.push(`${arg}=${looksNumeric(value) ? SHIELD : ''}${value}`);
      continue;
    }
    const eq = arg.indexOf('=');
    if (arg.startsWith('-') && eq > 0) {
      const value = arg.slice(eq + 1);
      out.push(looksNumeric(value) ? `${arg.slice(0, eq + 1)}${SHIELD}${value}` : arg);
      continue;
    }
    out.push(!arg.startsWith('-') && looksNumeric(arg) ? SHIELD + arg : arg);
  }
  return out;
}

/** Remove the shield from every string in a parsed value. */
export function unshield<T>(value: T): T {
  if (typeof value === 'string') return (value.startsWith(SHIELD) ? value.slice(1) : value) as T;
  if (Array.isArray(value)) return value.map(unshield) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = unshield(v);
    return out as T;
  }
  return value;
}
