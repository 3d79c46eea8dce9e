import type { Context } from '../app/context.js';
import { userError } from '../errors.js';
import type { Io, Output } from './output.js';

// Being written (issue 5); replaced by the real command.
export async function report(_ctx: Context, _io: Io, ..._args: unknown[]): Promise<Output> {
  throw userError('unavailable', 'git session report is not built yet');
}
