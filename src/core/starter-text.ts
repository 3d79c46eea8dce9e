// What a person wrote in a shared context document (`.session/architecture.md`, `conventions.md`),
// without the starter text `git session init` put there. A brief that quotes "One paragraph: what
// the system does and for whom." tells a cold reader nothing and wastes an agent's context: the
// starter's own lines go, sections and fences left empty go, and a file with nothing of its
// author's is null ("not filled in yet"). Pure.

const COMMENT = /<!--[\s\S]*?-->/g;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})(\s|$)/;

interface Line {
  text: string;
  kind: 'heading' | 'fence' | 'blank' | 'content';
  level: number;
  fenced: boolean;
}

function classify(text: string): Line[] {
  let fenced = false;
  return text.split(/\r?\n/).map((t): Line => {
    if (FENCE.test(t)) {
      fenced = !fenced;
      return { text: t, kind: 'fence', level: 0, fenced: !fenced };
    }
    if (t.trim() === '') return { text: t, kind: 'blank', level: 0, fenced };
    const h = fenced ? null : HEADING.exec(t);
    return h
      ? { text: t, kind: 'heading', level: h[1]!.length, fenced }
      : { text: t, kind: 'content', level: 0, fenced };
  });
}

/** The author's part of `text`, or null when nothing in it differs from `starter`. */
export function withoutStarterText(text: string, starter: string): string | null {
  const placeholders = new Set(
    classify(starter.replace(COMMENT, ''))
      .filter((l) => l.kind === 'content')
      .map((l) => l.text.trim()),
  );
  let lines = classify(text.replace(COMMENT, '')).filter(
    (l) => !(l.kind === 'content' && placeholders.has(l.text.trim())),
  );
  // A fence with nothing left inside goes.
  lines = lines.filter((l, i) => {
    if (l.kind !== 'fence') return true;
    const opening = !l.fenced;
    if (opening) {
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[j]!.kind === 'fence') return false;
        if (lines[j]!.kind === 'content') return true;
      }
      return true;
    }
    for (let j = i - 1; j >= 0; j--) {
      if (lines[j]!.kind === 'fence') return false;
      if (lines[j]!.kind === 'content') return true;
    }
    return true;
  });
  // A heading with no content before the next heading of its level or above goes.
  const keep = lines.map((l, i) => {
    if (l.kind !== 'heading') return true;
    for (let j = i + 1; j < lines.length; j++) {
      const n = lines[j]!;
      if (n.kind === 'heading' && n.level <= l.level) return false;
      if (n.kind === 'content' || n.kind === 'fence') return true;
    }
    return false;
  });
  const kept = lines.filter((_l, i) => keep[i]);
  if (!kept.some((l) => l.kind === 'content')) return null;
  return kept
    .map((l) => l.text)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
