import { describe, expect, it } from 'vitest';
import { parseHeader } from '../../src/codec/conventional.js';

describe('conventional commit headers', () => {
  it('reads type, scope, subject and the breaking mark', () => {
    expect(parseHeader('feat(auth): add the Google provider')).toEqual({
      type: 'feat',
      scope: 'auth',
      subject: 'add the Google provider',
      breaking: false,
    });
    expect(parseHeader('fix!: drop the old API')).toEqual({
      type: 'fix',
      scope: null,
      subject: 'drop the old API',
      breaking: true,
    });
    expect(parseHeader('Refactor(core)!: rename things')).toMatchObject({
      type: 'refactor',
      scope: 'core',
      breaking: true,
    });
  });

  it('leaves other headers as they are', () => {
    expect(parseHeader('Merge branch x into y')).toEqual({
      type: null,
      scope: null,
      subject: 'Merge branch x into y',
      breaking: false,
    });
    expect(parseHeader('wip')).toMatchObject({ type: null, subject: 'wip' });
  });
});
