import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAllowPatterns, compileAllow, SecretAllowError } from '../../src/core/secret-allow.js';
import { describeFinding, redactSecrets, SECRET_RULES, scanSecrets, shannonEntropy } from '../../src/core/secrets.js';
import { MAX_ALLOW_PATTERN_LENGTH, MAX_ALLOW_PATTERNS } from '../../src/model/text.js';

import { ALNUM, ecPem, ed25519Pem, jwt, r, SAMPLES, WORD } from '../helpers/secret-samples.js';

describe('secret rules', () => {
  it('has one real-format sample per rule, and finds each, pointing at it without echoing it', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(SECRET_RULES.map((x) => x.id).sort());
    for (const rule of SECRET_RULES) {
      const secret = SAMPLES[rule.id]!();
      const text = `Decision: deploy through the staging cluster.\nThe value was ${secret} — rotate it.`;
      const found = scanSecrets(text);
      expect(
        found.map((f) => f.rule),
        rule.id,
      ).toEqual([rule.id]);
      const f = found[0]!;
      expect(text.slice(f.start, f.end), rule.id).toContain(
        rule.id === 'generic-api-key' ? secret.slice(12, -1) : secret.slice(0, 20),
      );
      expect(f.line).toBe(2);
      expect(f.column).toBe(f.start - text.indexOf('\n'));
      expect(f.start).toBeGreaterThanOrEqual(text.indexOf(secret));
      expect(describeFinding(f)).not.toContain(secret.slice(4, 24));
      expect(describeFinding(f)).toContain(`rule ${rule.id}`);
    }
  });

  it('finds the other key formats too', () => {
    const ec = ecPem();
    expect(ec).toContain('BEGIN EC PRIVATE KEY');
    expect(scanSecrets(`key:\n${ec}`).map((f) => f.rule)).toEqual(['private-key']);
    // A GCP service-account file pasted whole: the key comes with escaped newlines.
    const json = JSON.stringify({ type: 'service_account', private_key: ed25519Pem() });
    expect(scanSecrets(json).map((f) => f.rule)).toEqual(['private-key']);
    expect(scanSecrets(`sk-${r(20, ALNUM)}T3BlbkFJ${r(20, ALNUM)}`).map((f) => f.rule)).toEqual(['openai-api-key']);
    expect(scanSecrets(`"client_secret": "${r(40, '0123456789abcdef')}"`).map((f) => f.rule)).toEqual([
      'generic-api-key',
    ]);
    expect(scanSecrets(`export AWS_SECRET_ACCESS_KEY=${r(40, `${ALNUM}+/`)}`).map((f) => f.rule)).toEqual([
      'generic-api-key',
    ]);
    expect(scanSecrets(`Authorization: Bearer ${jwt()}`).map((f) => f.rule)).toEqual(['jwt']);
  });

  it('reports a token once, by its own rule, even inside an assignment', () => {
    const token = SAMPLES['github-pat']!();
    const found = scanSecrets(`GITHUB_TOKEN=${token}`);
    expect(found).toEqual([
      { rule: 'github-pat', description: 'a GitHub personal access token', start: 13, end: 53, line: 1, column: 14 },
    ]);
  });

  it('reports several secrets in order, with lines and columns in characters', () => {
    const a = SAMPLES['slack-bot-token']!();
    const b = SAMPLES['aws-access-token']!();
    const text = `é ${a}\n\n  clé: ${b}`;
    const found = scanSecrets(text);
    expect(found.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['slack-bot-token', 1, 3],
      ['aws-access-token', 3, 8],
    ]);
    expect(redactSecrets(text, found)).toBe('é [secret: slack-bot-token]\n\n  clé: [secret: aws-access-token]');
  });

  it('lets ordinary notes through: words, hashes, ids, placeholders and prose about secrets', () => {
    const sha = r(40, '0123456789abcdef');
    const misses = [
      `ghp_${'x'.repeat(36)}`,
      `AKIA${'IOSFODNN7'}EXAMPLE`,
      'password=hunter2',
      'password: see the vault entry',
      'password: <your-password>',
      'password: $' + '{DB_PASSWORD}',
      'password: ********',
      'password = os.environ["DB_PASSWORD"]',
      'password=process.env.DB_PASSWORD',
      'password: correcthorsebatterystaple',
      'use a token bucket; secret sauce is caching',
      'api_key = os.environ["API_KEY"]',
      'token=ghp_ (prefix only)',
      "glpat- is GitLab's prefix",
      'Decision: switch auth to OAuth; credential rotation weekly',
      'secret_name = prod_database_password',
      'eyJ is how base64 JSON starts',
      'see https://hooks.slack.com/services/ for docs',
      '-----BEGIN PUBLIC KEY----- is what the server sends',
      `commit ${sha}`,
      `Fixed in ${sha.slice(0, 7)}; reverted by ${r(40, '0123456789abcdef')}.`,
      `sha256 of the tarball: ${r(64, '0123456789abcdef')}`,
      `request ${randomUUID()} failed; session id: ${randomUUID()}`,
      'colour #ff8800, flags 0x1f2e, port 8443',
      Buffer.from('The quick brown fox jumps over the lazy dog, twice.').toString('base64'),
      'token: refresh every 15 minutes',
      'The key insight: keys expire. Secrets live in the vault, tokens in memory.',
      'api-key header is required; see docs/auth.md',
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.',
    ];
    for (const text of misses) expect(scanSecrets(text), text).toEqual([]);
  });

  it("finds nothing in the project's own documentation", () => {
    const root = join(import.meta.dirname, '..', '..');
    const files = ['README.md', ...readdirSync(join(root, 'docs')).map((f) => join('docs', f))];
    for (const f of files.filter((x) => x.endsWith('.md')))
      expect(scanSecrets(readFileSync(join(root, f), 'utf8')).map(describeFinding), f).toEqual([]);
  });

  it('computes entropy as gitleaks does', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('')).toBe(0);
  });
});

describe('secrets.allow', () => {
  it('drops a finding an allow pattern matches (RE2 syntax, as in a gitleaks allowlist)', () => {
    const key = `AIza${r(35, `${WORD}-`)}`;
    const text = `maps key ${key}`;
    expect(scanSecrets(text)).toHaveLength(1);
    expect(scanSecrets(text, compileAllow([`^${key}$`]))).toEqual([]);
    expect(scanSecrets(text, compileAllow(['(?i)^aiza']))).toEqual([]);
    expect(scanSecrets(text, compileAllow(['^nothing$']))).toHaveLength(1);
    // The pattern is tried against the secret, not the whole text.
    expect(scanSecrets(text, compileAllow(['^maps']))).toHaveLength(1);
  });

  it('refuses unusable patterns, naming which', () => {
    expect(checkAllowPatterns(['^ok$', '(unclosed'])).toMatch(/^pattern 2 is not a valid regular expression/);
    expect(checkAllowPatterns(['(?<=look)behind'])).toMatch(/pattern 1/);
    expect(checkAllowPatterns([''])).toBe('pattern 1 is empty');
    expect(checkAllowPatterns(['x'.repeat(MAX_ALLOW_PATTERN_LENGTH + 1)])).toMatch(/longer than/);
    expect(checkAllowPatterns(Array(MAX_ALLOW_PATTERNS + 1).fill('x'))).toMatch(/more than/);
    expect(checkAllowPatterns(['^a$', '(?i)b+'])).toBeNull();
    expect(() => compileAllow(['^ok$', '(bad'])).toThrow(SecretAllowError);
  });

  it('runs a pattern written to backtrack in linear time', { timeout: 20_000 }, () => {
    const value = r(140, ALNUM);
    const text = `password = "${value}"`;
    // With a backtracking engine, (x|xx)+! against 140 characters without a "!" would not finish.
    expect(scanSecrets(text, compileAllow(['^([a-zA-Z0-9]|[a-zA-Z0-9]{2})+!$']))).toHaveLength(1);
    expect(scanSecrets(text, compileAllow(['^([a-zA-Z0-9]|[a-zA-Z0-9]{2})+$']))).toEqual([]);
  });
});

describe('secret scanning time', () => {
  // A rule that backtracks catastrophically would not finish on any of these within the test's
  // timeout; each linear rule takes milliseconds. No timing is asserted.
  const KiB16 = 16 * 1024;
  const fill = (unit: string) => unit.repeat(Math.ceil(KiB16 / unit.length)).slice(0, KiB16);
  it('stays linear on 16 KiB built to make each rule backtrack', { timeout: 30_000 }, () => {
    const inputs = [
      fill('a'),
      fill('key'),
      fill('token='),
      fill('password: '),
      `password=${fill('a1')}!`,
      `token: ${fill('abc123')};`,
      fill('keya'),
      fill('ey'),
      fill('eyJhbGciOiJIUzI1NiIsInR5cCI6.'),
      `eyJ${fill('a')}.eyJ${fill('b')}.${fill('c')}!`,
      fill('-----BEGIN'),
      fill('-----BEGIN RSA PRIVATE KEY'),
      `-----BEGIN PRIVATE KEY-----${fill('A')}`,
      fill('glpat-'),
      `glpat-${fill('a')}`,
      fill('xoxb-1234567890-'),
      `xapp-1-${fill('A')}`,
      fill('xoxe.xoxp-1-A'),
      `https://hooks.slack.com/services/${fill('A')}`,
      fill('AKIA'),
      `AIza${fill('a')}`,
      `sk-proj-${fill('a')}T3BlbkFJ`,
      fill('sk-ant-api03-'),
      `ZXlKaGJHY2lPaU${fill('A')}`,
      fill('passwd = "'),
      fill(' secret_token_key : '),
    ];
    for (const rule of SECRET_RULES) {
      const sample = SAMPLES[rule.id]!();
      inputs.push(fill(`${sample.slice(0, -1)}!`), fill(sample.slice(0, Math.ceil(sample.length / 2))));
    }
    let total = 0;
    for (const text of inputs) total += scanSecrets(text).length;
    expect(total).toBeGreaterThan(0);
  });
});
