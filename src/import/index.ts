// What `git session import` (src/app/import.ts) uses of the parsers. The build makes this its own
// file, dist/import.cjs, loaded only by that command: markdown-it, its entities and the five
// parsers are a third of the bundle, and every other command would pay to load them.

export { appliedOf, type ImportEvent, importEvents } from './events.js';
export {
  type ImportedSession,
  type ImportWarning,
  MAX_FILE_BYTES,
  MAX_FILES,
  SEED_NUMBER,
  type SeedFormat,
  type SourceFile,
} from './model.js';
export { parseAllSeeds, SEED_LOCATIONS, seedFormatOf } from './parse.js';
