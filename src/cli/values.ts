// What a parsed command line hands to a command: every argument and option by name, texts already
// read from standard input or files. The parser guarantees the shapes (a single-valued option has
// at most one value, a flag is a boolean), so the accessors only pick.

/** Where a text comes from: typed, `-` (standard input) or `-F FILE` / `--x-file FILE`. */
export type TextSource = { from: 'arg'; text: string } | { from: 'stdin' } | { from: 'file'; path: string };

export type RawValue = string | boolean | TextSource;

export class Values {
  constructor(readonly raw: Readonly<Record<string, readonly (string | boolean)[]>>) {}

  /** A single value, or undefined when not given. */
  str(key: string): string | undefined {
    const v = this.raw[key]?.[0];
    return typeof v === 'string' ? v : undefined;
  }

  /** Every value of a repeatable option or variadic argument, in the order typed. */
  strs(key: string): string[] {
    return (this.raw[key] ?? []).filter((v): v is string => typeof v === 'string');
  }

  flag(key: string): boolean {
    return (this.raw[key] ?? []).some((v) => v === true);
  }

  has(key: string): boolean {
    return (this.raw[key]?.length ?? 0) > 0;
  }

  int(key: string): number | undefined {
    const s = this.str(key);
    return s === undefined ? undefined : Number(s);
  }
}
