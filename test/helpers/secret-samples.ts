// Secrets in every format the rules know, made at test time from a seeded generator: the
// repository holds no string in a real token format, so secret scanners have nothing to flag in it.

import { generateKeyPairSync } from 'node:crypto';

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
export const r = generator(12);
export const DIGITS = '0123456789';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = LOWER.toUpperCase();
export const ALNUM = DIGITS + LOWER + UPPER;
export const WORD = `${ALNUM}_`;
export const B64URL = `${ALNUM}-_`;
const b64url = (s: string) => Buffer.from(s).toString('base64url');

export function jwt(): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ sub: r(12, DIGITS), name: 'Test User', iat: 1700000000 }));
  return `${header}.${payload}.${r(43, B64URL)}`;
}

export function ed25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function ecPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    .privateKey.export({ type: 'sec1', format: 'pem' })
    .toString();
}

/** One real-format sample per rule, each in a sentence the way it gets pasted into a note. */
export const SAMPLES: Record<string, () => string> = {
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
