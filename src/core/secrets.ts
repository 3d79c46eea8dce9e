// Secrets that must never reach the journal, a trailer or a ref: trailers are pushed and stay in
// history, so a token pasted into a decision is a leak that cannot be taken back. The rules are
// ported from gitleaks' default configuration (config/gitleaks.toml, MIT, © 2019 Zachary Rice,
// commit b58d3f1 / v8.30; the notice is in THIRD_PARTY_NOTICES.md): the same ids, regexes,
// entropy thresholds and keywords, translated from Go's RE2 to JavaScript (`(?i)` became the `i`
// flag). Only the families git-session's users paste are kept; each rule says where it differs.
//
// Every regex was checked for backtracking: each is either bounded ({m,n}) or has one unbounded
// run that nothing after it can re-enter, so a scan is linear in the text (the tests time a
// 16 KiB adversarial input per rule). Patterns from `secrets.allow` come from a committed config
// file, i.e. from whoever wrote the repository: they run on RE2JS (secret-allow.ts, loaded only
// when a finding must be checked against them), whose matching time is linear whatever the
// pattern, and are only ever tried against a value a rule has already found.
// Pure: no I/O, no clock.

export interface SecretRule {
  /** gitleaks' rule id (git-session's own rules say so in `origin`). */
  id: string;
  /** What was found, for messages: "a GitHub personal access token". */
  description: string;
  /** Global, with indices: the scanner takes the secret's position from the match. */
  regex: RegExp;
  /** The finding is dropped when the secret's Shannon entropy (bits per character) is not above this. */
  entropy?: number;
  /** Lower-case words one of which the text must contain before the regex runs (gitleaks' prefilter). */
  keywords: readonly string[];
  /** Values of this rule that are known not to be secrets. */
  allow?: readonly RegExp[];
  origin: 'gitleaks' | 'adapted from gitleaks' | 'git-session';
}

export interface SecretFinding {
  /** The rule's id, e.g. `github-pat`. */
  rule: string;
  description: string;
  /** UTF-16 offsets of the secret in the text: start inclusive, end exclusive. */
  start: number;
  end: number;
  /** 1-based line and column (in characters) of the secret's start. */
  line: number;
  column: number;
}

/** gitleaks' boundary after a secret: a quote, a backtick, white space, `;`, an escaped newline, or the end. */
const END = String.raw`(?:[\x60'"\s;]|\\[nr]|$)`;

const rx = (source: string, flags = '') => new RegExp(source, `gd${flags}`);

export const SECRET_RULES: readonly SecretRule[] = [
  // GitHub
  {
    id: 'github-pat',
    description: 'a GitHub personal access token',
    regex: rx('ghp_[0-9a-zA-Z]{36}'),
    entropy: 3,
    keywords: ['ghp_'],
    origin: 'gitleaks',
  },
  {
    id: 'github-fine-grained-pat',
    description: 'a GitHub fine-grained personal access token',
    regex: rx(String.raw`github_pat_\w{82}`),
    entropy: 3,
    keywords: ['github_pat_'],
    origin: 'gitleaks',
  },
  {
    id: 'github-oauth',
    description: 'a GitHub OAuth access token',
    regex: rx('gho_[0-9a-zA-Z]{36}'),
    entropy: 3,
    keywords: ['gho_'],
    origin: 'gitleaks',
  },
  {
    id: 'github-app-token',
    description: 'a GitHub App token',
    regex: rx('(?:ghu|ghs)_[0-9a-zA-Z]{36}'),
    entropy: 3,
    keywords: ['ghu_', 'ghs_'],
    origin: 'gitleaks',
  },
  {
    id: 'github-refresh-token',
    description: 'a GitHub refresh token',
    regex: rx('ghr_[0-9a-zA-Z]{36}'),
    entropy: 3,
    keywords: ['ghr_'],
    origin: 'gitleaks',
  },
  // GitLab
  {
    id: 'gitlab-pat',
    description: 'a GitLab personal access token',
    regex: rx(String.raw`glpat-[\w-]{20}`),
    entropy: 3,
    keywords: ['glpat-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-pat-routable',
    description: 'a GitLab personal access token (routable)',
    regex: rx(String.raw`\bglpat-[0-9a-zA-Z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}\b`),
    entropy: 4,
    keywords: ['glpat-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-ptt',
    description: 'a GitLab pipeline trigger token',
    regex: rx('glptt-[0-9a-f]{40}'),
    entropy: 3,
    keywords: ['glptt-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-rrt',
    description: 'a GitLab runner registration token',
    regex: rx(String.raw`GR1348941[\w-]{20}`),
    entropy: 3,
    keywords: ['gr1348941'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-runner-authentication-token',
    description: 'a GitLab runner authentication token',
    regex: rx(String.raw`glrt-[0-9a-zA-Z_\-]{20}`),
    entropy: 3,
    keywords: ['glrt-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-runner-authentication-token-routable',
    description: 'a GitLab runner authentication token (routable)',
    regex: rx(String.raw`\bglrt-t\d_[0-9a-zA-Z_\-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}\b`),
    entropy: 4,
    keywords: ['glrt-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-deploy-token',
    description: 'a GitLab deploy token',
    regex: rx(String.raw`gldt-[0-9a-zA-Z_\-]{20}`),
    entropy: 3,
    keywords: ['gldt-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-cicd-job-token',
    description: 'a GitLab CI/CD job token',
    regex: rx('glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20}'),
    entropy: 3,
    keywords: ['glcbt-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-feed-token',
    description: 'a GitLab feed token',
    regex: rx(String.raw`glft-[0-9a-zA-Z_\-]{20}`),
    entropy: 3,
    keywords: ['glft-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-incoming-mail-token',
    description: 'a GitLab incoming mail token',
    regex: rx(String.raw`glimt-[0-9a-zA-Z_\-]{25}`),
    entropy: 3,
    keywords: ['glimt-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-kubernetes-agent-token',
    description: 'a GitLab Kubernetes agent token',
    regex: rx(String.raw`glagent-[0-9a-zA-Z_\-]{50}`),
    entropy: 3,
    keywords: ['glagent-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-oauth-app-secret',
    description: 'a GitLab OAuth application secret',
    regex: rx(String.raw`gloas-[0-9a-zA-Z_\-]{64}`),
    entropy: 3,
    keywords: ['gloas-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-scim-token',
    description: 'a GitLab SCIM token',
    regex: rx(String.raw`glsoat-[0-9a-zA-Z_\-]{20}`),
    entropy: 3,
    keywords: ['glsoat-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-feature-flag-client-token',
    description: 'a GitLab feature flag client token',
    regex: rx(String.raw`glffct-[0-9a-zA-Z_\-]{20}`),
    entropy: 3,
    keywords: ['glffct-'],
    origin: 'gitleaks',
  },
  {
    id: 'gitlab-session-cookie',
    description: 'a GitLab session cookie',
    regex: rx('_gitlab_session=[0-9a-z]{32}'),
    entropy: 3,
    keywords: ['_gitlab_session='],
    origin: 'gitleaks',
  },
  // Slack
  {
    id: 'slack-bot-token',
    description: 'a Slack bot token',
    regex: rx('xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*'),
    entropy: 3,
    keywords: ['xoxb'],
    origin: 'gitleaks',
  },
  {
    id: 'slack-user-token',
    description: 'a Slack user token',
    regex: rx('xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}'),
    entropy: 2,
    keywords: ['xoxp-', 'xoxe-'],
    origin: 'gitleaks',
  },
  {
    id: 'slack-app-token',
    description: 'a Slack app-level token',
    regex: rx(String.raw`xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+`, 'i'),
    entropy: 2,
    keywords: ['xapp'],
    origin: 'gitleaks',
  },
  {
    id: 'slack-config-access-token',
    description: 'a Slack configuration access token',
    regex: rx(String.raw`xoxe.xox[bp]-\d-[A-Z0-9]{163,166}`, 'i'),
    entropy: 2,
    keywords: ['xoxe.xoxb-', 'xoxe.xoxp-'],
    origin: 'gitleaks',
  },
  {
    id: 'slack-config-refresh-token',
    description: 'a Slack configuration refresh token',
    regex: rx(String.raw`xoxe-\d-[A-Z0-9]{146}`, 'i'),
    entropy: 2,
    keywords: ['xoxe-'],
    origin: 'gitleaks',
  },
  {
    id: 'slack-legacy-bot-token',
    description: 'a Slack legacy bot token',
    regex: rx('xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26}'),
    entropy: 2,
    keywords: ['xoxb'],
    origin: 'gitleaks',
  },
  {
    id: 'slack-legacy-token',
    description: 'a Slack legacy token',
    regex: rx(String.raw`xox[os]-\d+-\d+-\d+-[a-fA-F\d]+`),
    entropy: 2,
    keywords: ['xoxo', 'xoxs'],
    origin: 'gitleaks',
  },
  {
    id: 'slack-legacy-workspace-token',
    description: 'a Slack legacy workspace token',
    regex: rx(String.raw`xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48}`),
    entropy: 2,
    keywords: ['xoxa', 'xoxr'],
    origin: 'gitleaks',
  },
  {
    id: 'slack-webhook-url',
    description: 'a Slack webhook URL',
    regex: rx('(?:https?://)?hooks.slack.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}'),
    keywords: ['hooks.slack.com'],
    origin: 'gitleaks',
  },
  // AWS
  {
    id: 'aws-access-token',
    description: 'an AWS access key ID',
    regex: rx(String.raw`\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`),
    entropy: 3,
    keywords: ['a3t', 'akia', 'asia', 'abia', 'acca'],
    // AWS's documentation keys end in EXAMPLE.
    allow: [/.+EXAMPLE$/],
    origin: 'gitleaks',
  },
  {
    id: 'aws-amazon-bedrock-api-key-long-lived',
    description: 'a long-lived Amazon Bedrock API key',
    regex: rx(String.raw`\b(ABSK[A-Za-z0-9+/]{109,269}={0,2})${END}`),
    entropy: 3,
    keywords: ['absk'],
    origin: 'gitleaks',
  },
  // Google
  {
    id: 'gcp-api-key',
    description: 'a Google API key',
    // gitleaks also allows ~16 public sample keys by value; they are not copied here (a committed
    // list of key-shaped strings is what secret scanners flag): `secrets.allow` can name them.
    regex: rx(String.raw`\b(AIza[\w-]{35})${END}`),
    entropy: 4,
    keywords: ['aiza'],
    origin: 'gitleaks',
  },
  // OpenAI, Anthropic
  {
    id: 'openai-api-key',
    description: 'an OpenAI API key',
    regex: rx(
      String.raw`\b(sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})${END}`,
    ),
    entropy: 3,
    keywords: ['t3blbkfj'],
    origin: 'gitleaks',
  },
  {
    id: 'anthropic-api-key',
    description: 'an Anthropic API key',
    regex: rx(String.raw`\b(sk-ant-api03-[a-zA-Z0-9_\-]{93}AA)${END}`),
    keywords: ['sk-ant-api03'],
    origin: 'gitleaks',
  },
  {
    id: 'anthropic-admin-api-key',
    description: 'an Anthropic admin API key',
    regex: rx(String.raw`\b(sk-ant-admin01-[a-zA-Z0-9_\-]{93}AA)${END}`),
    keywords: ['sk-ant-admin01'],
    origin: 'gitleaks',
  },
  // Tokens and keys in general
  {
    id: 'jwt',
    description: 'a JSON Web Token',
    regex: rx(String.raw`\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9\/\\_-]{17,}\.(?:[a-zA-Z0-9\/\\_-]{10,}={0,2})?)${END}`),
    entropy: 3,
    keywords: ['ey'],
    origin: 'gitleaks',
  },
  {
    id: 'jwt-base64',
    description: 'a base64-encoded JSON Web Token',
    // gitleaks names each header alternative ((?P<alg>…)); the names serve nothing here.
    regex: rx(
      String.raw`\bZXlK(?:aGJHY2lPaU|aGNIVWlPaU|aGNIWWlPaU|aGRXUWlPaU|aU5qUWlP|amNtbDBJanBi|amRIa2lPaU|bGNHc2lPbn|bGJtTWlPaU|cWEzVWlPaU|cWQyc2lPb|cGMzTWlPaU|cGRpSTZJ|cmFXUWlP|clpYbGZiM0J6SWpwY|cmRIa2lPaUp|dWIyNWpaU0k2|d01tTWlP|d01uTWlPaU|d2NIUWlPaU|emRXSWlPaU|emRuUWlP|MFlXY2lPaU|MGVYQWlPaUp|MWNtd2l|MWMyVWlPaUp|MlpYSWlPaU|MlpYSnphVzl1SWpv|NElqb2|NE5XTWlP|NE5YUWlPaU|NE5YUWpVekkxTmlJNkl|NE5YVWlPaU|NmFYQWlPaU)[a-zA-Z0-9\/\\_+\-\r\n]{40,}={0,2}`,
    ),
    entropy: 2,
    keywords: ['zxlk'],
    origin: 'gitleaks',
  },
  {
    id: 'private-key',
    description: 'a private key',
    regex: rx(String.raw`-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S-]{64,}?KEY(?: BLOCK)?-----`, 'i'),
    keywords: ['-----begin'],
    origin: 'gitleaks',
  },
  {
    id: 'private-key-header',
    description: 'the first line of a private key',
    // gitleaks reports only a whole block; a key pasted without its END line (or cut short by a
    // terminal) is still a leak, so the BEGIN line alone is refused too. A block is reported
    // once, as private-key.
    regex: rx('-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----', 'i'),
    keywords: ['-----begin'],
    origin: 'git-session',
  },
  {
    id: 'generic-api-key',
    description: 'a secret-looking value assigned to a password, secret, token or key',
    // gitleaks' generic-api-key with three changes: the identifier words are narrowed to those
    // that name a secret (its `access`, `auth`, `api` and `key` alone match too much prose), its
    // leading `[\w.-]{0,50}?` (which only widened the match) is gone, and its `(?-i:…)` group,
    // which JavaScript has no syntax for before V8 12.5, went with the `api` word. Its entropy
    // threshold and its first allowlist are kept; its stop-word list is not.
    regex: rx(
      String.raw`(?:passw(?:or)?d|pwd|secret|token|api[_.-]?key|access[_.-]?key|auth[_.-]?key|private[_.-]?key|credential|creds)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}([\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}={0,3})${END}`,
      'i',
    ),
    entropy: 3.5,
    keywords: ['passw', 'pwd', 'secret', 'token', 'key', 'credential', 'creds'],
    // A value of letters and separators only is a name (`prod_database_password`), not a secret.
    allow: [/^[a-zA-Z_.-]+$/],
    origin: 'adapted from gitleaks',
  },
];

/** Shannon entropy in bits per character (code point), as gitleaks computes it. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  let n = 0;
  for (const ch of text) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    n++;
  }
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

// ---- the allow-list (config `secrets.allow`) ------------------------------------------------------

/**
 * Values known not to be secrets, from config `secrets.allow` (secret-allow.ts compiles them):
 * asked only about a value a rule has found.
 */
export interface SecretAllow {
  allows(secret: string): boolean;
}

// ---- scanning ---------------------------------------------------------------------------------

/** 1-based line and column (in code points) of each offset, which must come in ascending order. */
function positions(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  let line = 1;
  let column = 1;
  let at = 0;
  // Read from one offset to the next, so a text with many findings is read once.
  return offsets.map((offset) => {
    for (const ch of text.slice(at, offset)) {
      if (ch === '\n') {
        line++;
        column = 1;
      } else column++;
    }
    at = offset;
    return { line, column };
  });
}

/** The span of the secret in a match: its first non-empty group (gitleaks' rule), else the whole match. */
function secretSpan(m: RegExpExecArray): [number, number] {
  const indices = m.indices!;
  for (let g = 1; g < m.length; g++) {
    const span = indices[g];
    if (span && span[1] > span[0]) return span;
  }
  return indices[0]!;
}

/**
 * Where `text` holds something that looks like a secret: one finding per secret, in the order
 * they appear, never the secret itself (the offsets are there to point at it, or to redact it).
 * A value an allow list matches (the rule's own, then `allow`, from config `secrets.allow`) is
 * not reported.
 */
export function scanSecrets(text: string, allow?: SecretAllow): SecretFinding[] {
  const lower = text.toLowerCase();
  const found: Omit<SecretFinding, 'line' | 'column'>[] = [];
  for (const rule of SECRET_RULES) {
    if (rule.keywords.length > 0 && !rule.keywords.some((k) => lower.includes(k))) continue;
    const re = rule.regex;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0] === '') re.lastIndex++;
      const [start, end] = secretSpan(m);
      const secret = text.slice(start, end);
      if (rule.entropy !== undefined && shannonEntropy(secret) <= rule.entropy) continue;
      if (rule.allow?.some((a) => a.test(secret))) continue;
      if (allow?.allows(secret)) continue;
      found.push({ rule: rule.id, description: rule.description, start, end });
    }
  }
  // One finding per secret: a token inside a `token=…` assignment is reported by its own rule
  // (the table lists specific rules first), a key block not again by its first line.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Omit<SecretFinding, 'line' | 'column'>[] = [];
  let coveredTo = -1;
  for (const f of found) {
    if (f.end <= coveredTo) continue;
    kept.push(f);
    coveredTo = Math.max(coveredTo, f.end);
  }
  const at = positions(
    text,
    kept.map((f) => f.start),
  );
  return kept.map((f, i) => ({ ...f, ...at[i]! }));
}

/** "a GitHub personal access token (rule github-pat) at line 2, column 14": what a refusal says. */
export function describeFinding(f: SecretFinding): string {
  return `${f.description} (rule ${f.rule}) at line ${f.line}, column ${f.column}`;
}

/** `text` with each finding's secret replaced by `[secret: <rule>]`. */
export function redactSecrets(text: string, findings: readonly SecretFinding[]): string {
  let out = '';
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += `${text.slice(at, f.start)}[secret: ${f.rule}]`;
    at = f.end;
  }
  return out + text.slice(at);
}
