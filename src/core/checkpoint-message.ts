// The checkpoint commit message, in seed 004's format:
//
//   checkpoint: Phase 3 In Progress - Endpoints implemented
//
//   Phase: 3
//   Status: In Progress
//   Session: Implemented GET and POST endpoints
//
//   Files Changed:
//   - src/routes/tasks.ts (modified)
//
//   Next: Implement PATCH /api/tasks/:id
//
// The session trailers follow (added by git). Pure.

export interface CheckpointMessageInput {
  /** Short description: -m MESSAGE, else the label, else the note. */
  description: string;
  phase: string | null;
  phaseStatus: string | null;
  /** What was accomplished in this stretch of the session. */
  accomplished: string | null;
  files: { path: string; status: string }[];
  next: string | null;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

export function checkpointMessage(i: CheckpointMessageInput): string {
  const status = i.phaseStatus ?? 'In Progress';
  const subject = i.phase
    ? `checkpoint: Phase ${oneLine(i.phase)} ${oneLine(status)} - ${oneLine(i.description)}`
    : `checkpoint: ${oneLine(i.description)}`;
  const lines = [subject, ''];
  if (i.phase) lines.push(`Phase: ${oneLine(i.phase)}`);
  lines.push(`Status: ${oneLine(status)}`);
  lines.push(`Session: ${i.accomplished ? oneLine(i.accomplished) : '(nothing recorded since the last checkpoint)'}`);
  lines.push('', 'Files Changed:');
  if (i.files.length === 0) lines.push('- (none: an empty checkpoint)');
  for (const f of i.files.slice(0, 50)) lines.push(`- ${f.path} (${f.status})`);
  if (i.files.length > 50) lines.push(`- … ${i.files.length - 50} more`);
  lines.push('', `Next: ${i.next ? oneLine(i.next) : '(none recorded)'}`);
  return `${lines.join('\n')}\n`;
}
