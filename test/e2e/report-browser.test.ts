// The HTML report in a real browser: headless Chromium renders it without a console message
// (no script errors, no blocked fetches), its DOM has one lane per session, and the screenshot
// shows one band of each lane's colour, top to bottom. Skipped, saying so, without Chromium.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANE_COLORS } from '../../src/render/report-html.js';
import { initRepo } from '../helpers/hooks.js';
import { cleanupAll, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

function findChromium(): string | null {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : null;
}

const chromium = findChromium();
if (!chromium && process.env.CI !== 'true')
  console.warn(
    'report-browser.test.ts: Chromium not found (/usr/bin/chromium); the HTML report browser checks are SKIPPED. Install the Debian package `chromium` to run them (CI=true makes this a failure).',
  );

// Under CI (.ci/run installs Chromium) a missing browser is a failure, never a silent skip.
it.runIf(!chromium && process.env.CI === 'true')('Chromium is installed (CI=true requires it)', () => {
  throw new Error('Chromium not found: .ci/run installs the Debian package chromium');
});

/** Run headless Chromium on a file with a fresh profile; stderr carries the page's console. */
function browse(extra: string[], file: string): { stdout: string; stderr: string } {
  const r = spawnSync(
    chromium!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${tempDir('gs-chromium-')}`,
      '--enable-logging=stderr',
      '--v=0',
      ...extra,
      `file://${file}`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr };
}

const consoleLines = (stderr: string) => stderr.split('\n').filter((l) => /CONSOLE/.test(l));

/** Decode an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) into RGBA rows. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (bpp === 0) throw new Error(`PNG colour type ${colorType} not handled`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i]! + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = line[x * bpp]!;
      out[o + 1] = line[x * bpp + 1]!;
      out[o + 2] = line[x * bpp + 2]!;
      out[o + 3] = bpp === 4 ? line[x * bpp + 3]! : 255;
    }
    prev = line;
  }
  return { width, height, rgba: out };
}

/** Rows of the image holding at least `min` pixels of exactly this #rrggbb colour. */
function rowsOf(img: { width: number; height: number; rgba: Buffer }, hex: string, min = 20): number[] {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const rows: number[] = [];
  for (let y = 0; y < img.height; y++) {
    let n = 0;
    for (let x = 0; x < img.width; x++) {
      const o = (y * img.width + x) * 4;
      if (img.rgba[o] === r && img.rgba[o + 1] === g && img.rgba[o + 2] === b) n++;
    }
    if (n >= min) rows.push(y);
  }
  return rows;
}

function commitAt(r: TestRepo, at: string, message: string, file: string, text: string): void {
  r.write(file, text);
  r.git(['add', file]);
  r.git(['commit', '-q', '-m', message], { env: { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } });
}

describe('the HTML report in headless Chromium', () => {
  let file = '';
  beforeAll(() => {
    if (!chromium) return;
    const r = initRepo();
    const day = (d: number, h: number, m = 0) =>
      `2026-01-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;
    const sessions = [
      { branch: 'feature/one', start: 5 },
      { branch: 'feature/two', start: 6 },
      { branch: 'feature/three', start: 7 },
    ];
    for (const [i, s] of sessions.entries()) {
      const pin = (t: string) => ({ env: { GIT_SESSION_NOW: t } });
      r.ok(['start', s.branch, '-o', `Objective ${i}`, '-o', `Second ${i}`], pin(day(s.start, 9)));
      r.ok(['decisions', 'add', `Decision <em>${i}</em> & "quotes"`], pin(day(s.start, 9, 30)));
      // Crowded, long and wide labels: they must share the lane without one box overlapping another.
      const crowded = [
        'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW',
        '日本語のラベルはとても広いです、日本語のラベルはとても広いです',
        'emoji 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉 and mmmmmmmmmmmmmmmm',
        'bidi \u202eevil\u202c text and a very long tail of words after it',
        'short',
      ];
      for (const [k, text] of crowded.entries())
        r.ok(['decisions', 'add', `${text} ${i}`], pin(day(s.start, 10, k * 3)));
      for (const [k, label] of ['phase one WWWWWWWW', 'checkpoint two', 'third checkpoint label'].entries())
        r.ok(['checkpoint', '--no-commit', '--label', `${label} ${i}`], pin(day(s.start, 10, 1 + k * 4)));
      commitAt(r, day(s.start, 9, 30), `feat: step ${i}`, `src/s${i}.ts`, `export const a${i} = 1;\n`);
      r.ok(['objectives', 'complete', `Objective ${i}`], pin(day(s.start, 11)));
      commitAt(r, day(s.start, 11), `test: step ${i}`, `test/s${i}.test.ts`, 'ok\n');
      r.ok(['pause'], pin(day(s.start, 12)));
      r.ok(['resume', s.branch], pin(day(s.start, 13)));
      commitAt(r, day(s.start, 16), `fix: step ${i}`, `src/s${i}.ts`, `export const a${i} = 2;\n`);
      r.ok(['end'], pin(day(s.start, 19)));
    }
    file = join(tempDir(), 'report.html');
    r.ok(['report', '--weekly', '--week', '2026-W02', '--format', 'html', '--output', file], {
      env: { GIT_SESSION_NOW: day(20, 12) },
    });
  });

  it.skipIf(!chromium)('catches console messages at all (the detector itself works)', () => {
    const bad = join(tempDir(), 'bad.html');
    writeFileSync(bad, '<!doctype html><title>x</title><script>console.error("boom")</script>');
    expect(consoleLines(browse(['--dump-dom'], bad).stderr).join('\n')).toContain('boom');
  });

  it.skipIf(!chromium)('renders without console errors, one lane per session in the DOM', () => {
    const { stdout, stderr } = browse(['--dump-dom'], file);
    expect(consoleLines(stderr)).toEqual([]);
    expect(stdout.match(/<g class="lane" data-lane="\d+"/g)).toHaveLength(3);
    // User text is shown as text, never as markup.
    expect(stdout).toContain('Decision &lt;em&gt;0&lt;/em&gt; &amp;');
    expect(stdout).not.toContain('<em>');
  });

  it.skipIf(!chromium)('no label overlaps another label or a marker, measured from the DOM boxes', () => {
    // A copy of the page with a script (the report itself allows none) that measures what Chromium drew.
    const measured = join(tempDir(), 'measured.html');
    const script = `<script>
      const box = (e) => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
      const labels = [...document.querySelectorAll('svg text')].map((e) => ({ text: e.textContent, cls: e.getAttribute('class'), width: Number(e.getAttribute('data-width') || 0), box: box(e) }));
      const markers = [...document.querySelectorAll('svg .marker')].map((e) => ({ cls: e.getAttribute('class'), box: box(e) }));
      const lists = document.body.innerText;
      const pre = document.createElement('pre');
      pre.id = 'boxes';
      pre.textContent = JSON.stringify({ labels, markers, lists });
      document.body.appendChild(pre);
    </script>`;
    writeFileSync(
      measured,
      readFileSync(file, 'utf8')
        .replace(
          "default-src 'none'; style-src 'unsafe-inline'",
          "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
        )
        .replace('</body>', `${script}</body>`),
    );
    const { stdout } = browse(['--dump-dom', '--window-size=1400,900'], measured);
    const json = /<pre id="boxes">([\s\S]*?)<\/pre>/.exec(stdout)?.[1] ?? '';
    const data = JSON.parse(
      json
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    ) as {
      labels: { text: string; cls: string; width: number; box: number[] }[];
      markers: { cls: string; box: number[] }[];
      lists: string;
    };
    const overlap = (a: number[], b: number[]) =>
      Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!) > 0.5 && Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!) > 0.5;
    const bad: string[] = [];
    for (const [i, a] of data.labels.entries()) {
      for (const b of data.labels.slice(i + 1))
        if (overlap(a.box, b.box)) bad.push(`label "${a.text}" overlaps label "${b.text}"`);
      for (const m of data.markers) if (overlap(a.box, m.box)) bad.push(`label "${a.text}" overlaps a ${m.cls}`);
      // The estimate the layout used is never narrower than what the browser drew.
      if (a.width > 0 && a.box[2]! - a.box[0]! > a.width + 1)
        bad.push(`label "${a.text}" is ${a.box[2]! - a.box[0]!}px wide, estimated ${a.width}`);
    }
    expect(bad).toEqual([]);
    // The picture has its time axis with dates, and labels for points; many are crowded out.
    const classes = data.labels.map((l) => l.cls);
    expect(data.labels.filter((l) => l.cls === 'date label').map((l) => l.text)).toEqual(['2026-01']);
    const ticks = data.labels.filter((l) => l.cls === 'tick-label label').map((l) => l.text);
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    for (const t of ticks) expect(t).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) 01-\d\d$/);
    expect(classes.filter((c) => c === 'checkpoint-label label').length).toBeGreaterThanOrEqual(3);
    expect(classes.filter((c) => c === 'decision-label label').length).toBeGreaterThanOrEqual(2);
    // Every checkpoint is readable on the page (listed under its session), not only as a tooltip.
    for (let i = 0; i < 3; i++)
      for (const label of ['phase one WWWWWWWW', 'checkpoint two', 'third checkpoint label'])
        expect(data.lists).toContain(`${label} ${i}`);
    // Open objectives are listed per session.
    expect(data.lists).toContain('Still open');
    expect(data.lists).toContain('Second 0');
  });

  it.skipIf(!chromium)('draws one band of each lane colour, in lane order, in the screenshot', () => {
    const png = join(tempDir(), 'shot.png');
    const { stderr } = browse([`--screenshot=${png}`, '--window-size=1400,900', '--hide-scrollbars'], file);
    expect(consoleLines(stderr)).toEqual([]);
    const img = decodePng(readFileSync(png));
    expect(img.width).toBe(1400);
    const bands = LANE_COLORS.slice(0, 4).map((c) => rowsOf(img, c));
    // Three sessions: three colours present, the fourth absent.
    expect(bands.slice(0, 3).map((rows) => rows.length > 0)).toEqual([true, true, true]);
    expect(bands[3]).toEqual([]);
    // Each band is the 14-px bar of the afternoon's 6 hours of work (~36 px wide in a week).
    for (const rows of bands.slice(0, 3)) expect(rows.length).toBeGreaterThanOrEqual(12);
    // Lanes are stacked: every row of lane i lies above every row of lane i+1.
    expect(Math.max(...bands[0]!)).toBeLessThan(Math.min(...bands[1]!));
    expect(Math.max(...bands[1]!)).toBeLessThan(Math.min(...bands[2]!));
  });
});
