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
