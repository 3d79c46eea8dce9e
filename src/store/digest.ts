// SHA-256 digests (of what git-session wrote, of the hook runtime). node:crypto is loaded on the
// first digest only: a change that writes no generated file does not pay the ~3 ms it costs.

import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';

let crypto: typeof Crypto | undefined;

export function sha256(data: string | Buffer): string {
  crypto ??= createRequire(typeof __filename === 'string' ? __filename : import.meta.url)(
    'node:crypto',
  ) as typeof Crypto;
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** SHA-1, where a digest only has to tell two states apart (rebuild's shallow boundary). */
export function sha1(data: string | Buffer): string {
  crypto ??= createRequire(typeof __filename === 'string' ? __filename : import.meta.url)(
    'node:crypto',
  ) as typeof Crypto;
  return crypto.createHash('sha1').update(data).digest('hex');
}

/** The name git gives `content` as a blob (`sha1` or `sha256` repositories). */
export function gitBlobId(content: string, format: string): string {
  crypto ??= createRequire(typeof __filename === 'string' ? __filename : import.meta.url)(
    'node:crypto',
  ) as typeof Crypto;
  const data = Buffer.from(content, 'utf8');
  return crypto
    .createHash(format === 'sha256' ? 'sha256' : 'sha1')
    .update(`blob ${data.length}\0`)
    .update(data)
    .digest('hex');
}
