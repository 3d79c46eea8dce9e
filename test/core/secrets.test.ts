import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkAllowPatterns,
  describeFinding,
  MAX_ALLOW_PATTERN_LENGTH,
  MAX_ALLOW_PATTERNS,
  redactSecrets,
  SECRET_RULES,
  SecretAllowError,
  scanSecrets,
  shannonEntropy,
} from '../../src/core/secrets.js';

// Every sample is made here, at test time, from a seeded generator: the repository holds no
// string in a real token format, so secret scanners have nothing to flag in it.
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (n: number, alphabet: string) => {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
}
const r = generator(12);
const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const ALNUM = DIGITS + LOWER + UPPER;
const WORD = `${ALNUM}_`;
const B64URL = `${ALNUM}-_`;
const b64url = (s: string) => Buffer.from(s).toString('base64url');

function jwt(): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ sub: r(12, DIGITS), name: 'Test User', iat: 1700000000 }));
  return `${header}.${payload}.${r(43, B64URL)}`;
}

function ed25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function ecPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    .privateKey.export({ type: 'sec1', format: 'pem' })
    .toString();
}

/** One real-format sample per rule, each in a sentence the way it gets pasted into a note. */
const SAMPLES: Record<string, () => string> = {
  'github-pat': () => `ghp_${r(36, ALNUM)}`,
  'github-fine-grained-pat': () => `github_pat_${r(82, WORD)}`,
  'github-oauth': () => `gho_${r(36, ALNUM)}`,
  'github-app-token': () => `ghs_${r(36, ALNUM)}`,
  'github-refresh-token': () => `ghr_${r(36, ALNUM)}`,
  'gitlab-pat': () => `glpat-${r(20, `${WORD}-`)}`,
  'gitlab-pat-routable': () => `glpat-${r(30, `${WORD}-`)}.${r(2, LOWER + DIGITS)}${r(7, LOWER + DIGITS)}`,
  'gitlab-ptt': () => `glptt-${r(40, '0123456789abcdef')}`,
  'gitlab-rrt': () => `GR1348941${r(20, `${WORD}-`)}`,
  'gitlab-runner-authentication-token': () => `glrt-${r(20, `${ALNUM}_-`)}`,
  'gitlab-runner-authentication-token-routable': () => `glrt-t1_${r(30, ALNUM)}.${r(2, LOWER)}${r(7, LOWER + DIGITS)}`,
  'gitlab-deploy-token': () => `gldt-${r(20, `${ALNUM}_-`)}`,
  'gitlab-cicd-job-token': () => `glcbt-${r(3, ALNUM)}_${r(20, `${ALNUM}_-`)}`,
  'gitlab-feed-token': () => `glft-${r(20, `${ALNUM}_-`)}`,
  'gitlab-incoming-mail-token': () => `glimt-${r(25, `${ALNUM}_-`)}`,
  'gitlab-kubernetes-agent-token': () => `glagent-${r(50, `${ALNUM}_-`)}`,
  'gitlab-oauth-app-secret': () => `gloas-${r(64, `${ALNUM}_-`)}`,
  'gitlab-scim-token': () => `glsoat-${r(20, `${ALNUM}_-`)}`,
  'gitlab-feature-flag-client-token': () => `glffct-${r(20, `${ALNUM}_-`)}`,
  'gitlab-session-cookie': () => `_gitlab_session=${r(32, LOWER + DIGITS)}`,
  'slack-bot-token': () => `xoxb-${r(12, DIGITS)}-${r(12, DIGITS)}-${r(24, ALNUM)}`,
  'slack-user-token': () => `xoxp-${r(12, DIGITS)}-${r(12, DIGITS)}-${r(12, DIGITS)}-${r(32, LOWER + DIGITS)}`,
  'slack-app-token': () => `xapp-1-A${r(10, UPPER + DIGITS)}-${r(13, DIGITS)}-${r(64, '0123456789abcdef')}`,
  'slack-config-access-token': () => `xoxe.xoxp-1-${r(164, UPPER + DIGITS)}`,
  'slack-config-refresh-token': () => `xoxe-1-${r(146, UPPER + DIGITS)}`,
  'slack-legacy-bot-token': () => `xoxb-${r(10, DIGITS)}-x${r(23, ALNUM)}`,
  'slack-legacy-token': () => `xoxs-${r(10, DIGITS)}-${r(10, DIGITS)}-${r(10, DIGITS)}-${r(64, '0123456789abcdef')}`,
  'slack-legacy-workspace-token': () => `xoxr-${r(40, ALNUM)}`,
  'slack-webhook-url': () =>
    `https://hooks.slack.com/services/T${r(8, UPPER + DIGITS)}/B${r(8, UPPER + DIGITS)}/${r(24, ALNUM)}`,
  'aws-access-token': () => `AKIA${r(16, `${UPPER}234567`)}`,
  'aws-amazon-bedrock-api-key-long-lived': () => `ABSK${r(150, `${ALNUM}+/`)}`,
  'gcp-api-key': () => `AIza${r(35, `${WORD}-`)}`,
  'openai-api-key': () => `sk-proj-${r(74, B64URL)}T3BlbkFJ${r(74, B64URL)}`,
  'anthropic-api-key': () => `sk-ant-api03-${r(93, B64URL)}AA`,
  'anthropic-admin-api-key': () => `sk-ant-admin01-${r(93, B64URL)}AA`,
  jwt: () => jwt(),
  'jwt-base64': () => Buffer.from(jwt()).toString('base64'),
  'private-key': () => ed25519Pem(),
  'private-key-header': () => `-----BEGIN OPENSSH PRIVATE KEY-----\n${r(40, ALNUM)}`,
  'generic-api-key': () => `password = "${r(24, ALNUM)}"`,
};

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
    expect(scanSecrets(text, [`^${key}$`])).toEqual([]);
    expect(scanSecrets(text, ['(?i)^aiza'])).toEqual([]);
    expect(scanSecrets(text, ['^nothing$'])).toHaveLength(1);
    // The pattern is tried against the secret, not the whole text.
    expect(scanSecrets(text, ['^maps'])).toHaveLength(1);
  });

  it('refuses unusable patterns, naming which', () => {
    expect(checkAllowPatterns(['^ok$', '(unclosed'])).toMatch(/^pattern 2 is not a valid regular expression/);
    expect(checkAllowPatterns(['(?<=look)behind'])).toMatch(/pattern 1/);
    expect(checkAllowPatterns([''])).toBe('pattern 1 is empty');
    expect(checkAllowPatterns(['x'.repeat(MAX_ALLOW_PATTERN_LENGTH + 1)])).toMatch(/longer than/);
    expect(checkAllowPatterns(Array(MAX_ALLOW_PATTERNS + 1).fill('x'))).toMatch(/more than/);
    expect(checkAllowPatterns(['^a$', '(?i)b+'])).toBeNull();
    // A pattern is compiled only when a finding needs it; then a bad one is an error, not a pass.
    expect(scanSecrets('nothing here', ['(bad'])).toEqual([]);
    expect(() => scanSecrets(SAMPLES['github-pat']!(), ['(bad'])).toThrow(SecretAllowError);
  });

  it('runs a pattern written to backtrack in linear time', { timeout: 20_000 }, () => {
    const value = r(140, ALNUM);
    const text = `password = "${value}"`;
    // With a backtracking engine, (x|xx)+! against 140 characters without a "!" would not finish.
    expect(scanSecrets(text, ['^([a-zA-Z0-9]|[a-zA-Z0-9]{2})+!$'])).toHaveLength(1);
    expect(scanSecrets(text, ['^([a-zA-Z0-9]|[a-zA-Z0-9]{2})+$'])).toEqual([]);
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
