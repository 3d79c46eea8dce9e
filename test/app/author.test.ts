// user.email remembered in the store (src/app/author.ts): the same answer as git, asked again when
// a config file changes, and never remembered when a config includes other files.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authorEmail } from '../../src/app/author.js';
import { discoverRepo } from '../../src/git/repo.js';
import { cleanupAll, makeRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

describe('authorEmail', () => {
  const r = makeRepo();
  const repo = discoverRepo(r.dir, r.env);
  const home = r.env.HOME!;
  // git runs with this process's environment: this file's own process (tests run in forks).
  Object.assign(process.env, { HOME: home, GIT_CONFIG_NOSYSTEM: '1' });
  delete process.env.XDG_CONFIG_HOME;
  const env = process.env;
  const cache = join(tempDir(), 'author-cache.json');

  it('says what git says, and remembers it', () => {
    expect(authorEmail(repo, env, cache)).toBe('dev@example.com');
    expect(existsSync(cache)).toBe(true);
    // A remembered answer is used as long as nothing changed: shown by making the cache say otherwise.
    const c = JSON.parse(readFileSync(cache, 'utf8'));
    writeFileSync(cache, JSON.stringify({ ...c, email: 'remembered@example.com' }));
    expect(authorEmail(repo, env, cache)).toBe('remembered@example.com');
  });

  it('asks git again when a config file changes, appears or another HOME is used', () => {
    r.git(['config', 'user.email', 'changed@example.com']);
    expect(authorEmail(repo, env, cache)).toBe('changed@example.com');
    writeFileSync(join(home, '.gitconfig'), '[user]\n\temail = global@example.com\n');
    // The repository's own value still wins, as in git.
    expect(authorEmail(repo, env, cache)).toBe('changed@example.com');
    r.git(['config', '--unset', 'user.email']);
    expect(authorEmail(repo, env, cache)).toBe('global@example.com');
    process.env.HOME = tempDir();
    expect(authorEmail(repo, env, cache)).toBe('');
    process.env.HOME = home;
  });

  it('never remembers when a config includes another file, or config comes from variables', () => {
    const other = join(tempDir(), 'extra.gitconfig');
    writeFileSync(other, '[user]\n\temail = included@example.com\n');
    writeFileSync(join(home, '.gitconfig'), `[include]\n\tpath = ${other}\n`);
    const fresh = join(tempDir(), 'author-cache.json');
    expect(authorEmail(repo, env, fresh)).toBe('included@example.com');
    expect(existsSync(fresh)).toBe(false);
    writeFileSync(join(home, '.gitconfig'), '');
    const variables = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.email', GIT_CONFIG_VALUE_0: 'v@x' };
    Object.assign(process.env, variables);
    expect(authorEmail(repo, env, fresh)).toBe('v@x');
    for (const k of Object.keys(variables)) delete process.env[k];
    expect(existsSync(fresh)).toBe(false);
  });

  it('GIT_AUTHOR_EMAIL first, as before', () => {
    expect(authorEmail(repo, { ...env, GIT_AUTHOR_EMAIL: 'env@example.com' }, cache)).toBe('env@example.com');
  });
});
