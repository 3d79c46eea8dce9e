import { describe, expect, it } from 'vitest';
import { fileKind } from '../../src/analytics/paths.js';

describe('test and source paths', () => {
  it.each([
    ['test/login.ts', 'test'],
    ['src/__tests__/a.js', 'test'],
    ['pkg/spec/a_spec.rb', 'test'],
    ['src/login.test.ts', 'test'],
    ['src/login.spec.tsx', 'test'],
    ['server/handler_test.go', 'test'],
    ['tests/test_api.py', 'test'],
    ['app/test_api.py', 'test'],
    ['src/main/java/LoginTest.java', 'test'],
    ['e2e/flow.ts', 'test'],
    ['src/login.ts', 'source'],
    ['lib/contest.py', 'source'],
    ['src/attestation.go', 'source'],
    ['scripts/build.sh', 'source'],
    ['README.md', 'other'],
    ['package.json', 'other'],
    ['docs/testing.md', 'other'],
    ['Makefile', 'other'],
  ])('%s is %s', (path, kind) => {
    expect(fileKind(path)).toBe(kind);
  });
});
