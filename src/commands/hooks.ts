import type { Context } from '../app/context.js';
import {
  hooksStatus,
  type InstallResult,
  installHooks,
  type StatusReport,
  uninstallHooks,
} from '../app/hook-install.js';
import { usageError, userError } from '../model/errors.js';
import type { Style } from '../render/term.js';
import type { Io, Output } from './output.js';

function statusText(s: StatusReport, st: Style): string {
  const where = s.manager === 'husky' ? 'husky' : s.manager === 'lefthook' ? 'lefthook' : `git hooks in ${s.hooksDir}`;
  const head = s.installed ? st.green(`Hooks installed (${where}).`) : st.yellow(`Hooks not fully working (${where}).`);
  const lines = [head];
  for (const h of s.hooks) {
    const mark = h.state === 'installed' ? st.green('✓') : h.state === 'bypassed' ? st.yellow('!') : st.red('✗');
    lines.push(`  ${mark} ${h.hook.padEnd(19)} ${h.state.padEnd(9)} ${st.dim(h.detail)}`);
  }
  for (const p of s.problems) lines.push(`  ${st.yellow('problem:')} ${p.message} — ${p.fix}`);
  return lines.join('\n');
}

function installNotes(r: InstallResult): string[] {
  const notes: string[] = [];
  for (const c of r.plan.changes)
    notes.push(
      `${c.how === 'created' ? 'created' : c.how === 'config' ? 'updated' : c.how === 'updated' ? 'refreshed' : 'added block to'} ${c.path}`,
    );
  for (const x of r.plan.refused)
    notes.push(
      `${x.hook}: did not touch ${x.path}: ${x.reason}. To run git-session from it, add this line to it:\n    ${x.paste}`,
    );
  notes.push(...r.plan.notes);
  if (r.lefthookInstalled === false)
    notes.push('lefthook could not be run; run `lefthook install` so it creates the hook scripts');
  return notes;
}

export async function hooks(ctx: Context, io: Io, action: string | undefined, args: string[]): Promise<Output> {
  if (args.length > 0)
    throw usageError(`unexpected argument '${args[0]}'`, 'git session hooks install | uninstall | status');
  switch (action ?? 'status') {
    case 'install': {
      const r = installHooks(ctx);
      const out: Output = {
        json: {
          changes: r.plan.changes.map((c) => ({ path: c.path, how: c.how })),
          refused: r.plan.refused,
          status: r.status,
        },
        text: statusText(r.status, io.style),
        notes: installNotes(r),
      };
      if (r.plan.refused.length > 0) {
        for (const n of out.notes ?? []) ctx.warn(n);
        throw userError(
          'hooks-refused',
          `${r.plan.refused.length} hook(s) were left alone`,
          'add the lines shown above to them',
        );
      }
      return out;
    }
    case 'uninstall': {
      const r = uninstallHooks(ctx);
      return {
        json: { changes: r.plan.changes.map((c) => ({ path: c.path, how: c.how })) },
        text:
          r.plan.changes.length === 0
            ? 'Nothing to remove.'
            : r.plan.changes
                .map((c) => `${c.how === 'deleted' ? 'deleted' : 'removed the git-session block from'} ${c.path}`)
                .join('\n'),
        notes: r.plan.notes,
      };
    }
    case 'status': {
      const s = hooksStatus(ctx);
      return { json: s, text: statusText(s, io.style) };
    }
    default:
      throw usageError(`unknown hooks action '${action}'`, 'git session hooks install | uninstall | status');
  }
}

export { installNotes, statusText };
