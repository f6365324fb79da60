#!/usr/bin/env node
// Sums the Vitest JSON reports that projects write under CI (tmp/test-results/*.json) into one
// closing line, "tests: N passed, N failed, N skipped", and exits non-zero if any failed or if no
// report holds a single test (a run that tested nothing must not look green), or if fewer reports
// than test projects came in (a project whose run left no report was not really tested).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.cwd(), 'tmp', 'test-results');
let passed = 0;
let failed = 0;
let skipped = 0;
let files = [];
const failures = [];
try {
  files = readdirSync(dir).filter((name) => name.endsWith('.json'));
} catch {
  files = [];
}
for (const name of files) {
  const report = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (!report.success && (report.numFailedTests ?? 0) === 0) failed += 1; // a suite that failed to load
  failures.push(...failuresOf(name.replace(/\.json$/, ''), report));
}
const testProjects = JSON.parse(execFileSync('npx', ['nx', 'show', 'projects', '--with-target', 'test', '--json'], { encoding: 'utf8' }));
const e2eProjects = JSON.parse(execFileSync('npx', ['nx', 'show', 'projects', '--with-target', 'e2e', '--json'], { encoding: 'utf8' }));
const expectedReports = testProjects.length + e2eProjects.length;
console.log(`reports: ${files.length} of ${expectedReports} test projects`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// CI keeps only the tail of its log: name each failed test (and why) right beside the totals.
for (const failure of failures) console.log(failure);
if (files.length < expectedReports) console.error(`missing reports: ${expectedReports - files.length} project(s) left no result`);
process.exit(failed > 0 || passed === 0 || files.length < expectedReports ? 1 : 0);

/** One line per failed test, with the start of its message; a file that failed to load counts as one. */
function failuresOf(project, report) {
  const lines = [];
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests)
      lines.push(`failed test: ${project} > ${test.fullName}: ${firstLines(test.failureMessages?.join(' ') ?? '')}`);
    if (failedTests.length === 0 && file.status === 'failed')
      lines.push(`failed file: ${project} > ${file.name}: ${firstLines(file.message ?? '')}`);
  }
  return lines;
}

function firstLines(text) {
  const flat = text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .slice(0, 12)
    .join(' | ');
  return flat.length > 1200 ? `${flat.slice(0, 1200)}…` : flat;
}
