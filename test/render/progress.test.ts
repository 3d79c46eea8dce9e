import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/render/progress.js';

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, s: { isTTY, write: (x: string) => out.push(x) } };
}

describe('progress on stderr', () => {
  it('is silent when stderr is not a terminal, however long the work', () => {
    let t = 0;
    const { out, s } = sink(false);
    const p = createProgress('Reading history', s, { now: () => t });
    for (let i = 0; i < 100; i++) {
      t += 100;
      p.tick(i, 100);
    }
    p.end();
    expect(out).toEqual([]);
  });

  it('is silent for work shorter than a second', () => {
    let t = 0;
    const { out, s } = sink(true);
    const p = createProgress('Reading history', s, { now: () => t });
    t = 999;
    p.tick(10);
    p.end();
    expect(out).toEqual([]);
  });

  it('after a second, rewrites one line at most every 100 ms and ends it with done', () => {
    let t = 0;
    const { out, s } = sink(true);
    const p = createProgress('Reading commits', s, { now: () => t });
    for (let i = 1; i <= 30; i++) {
      t += 50;
      p.tick(i * 10, 300);
    }
    p.end();
    // 1000 ms, then every 100 ms up to 1500 ms: 6 redraws, then the final line.
    expect(out.filter((x) => x.startsWith('\r'))).toHaveLength(7);
    expect(out[0]).toBe('\rReading commits:  66% (200/300)');
    expect(out.at(-2)).toBe('\rReading commits: 100% (300/300), done.');
    expect(out.at(-1)).toBe('\n');
  });

  it('counts without a total', () => {
    let t = 0;
    const { out, s } = sink(true);
    const p = createProgress('Reading history', s, { now: () => t });
    t = 1500;
    p.tick(12345);
    p.end();
    expect(out).toEqual(['\rReading history: 12345', '\rReading history: 12345, done.', '\n']);
  });
});
