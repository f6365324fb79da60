import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { WORKSPACE_ROOT } from '@rocketmq-ts/testing';

const FIGURES_FILE = join(WORKSPACE_ROOT, 'tmp', 'ha-e2e', 'figures.json');

export type Figures = Record<string, number | string>;

/**
 * Prints one scenario's figures (the suite reports them; tests assert only outcomes) and merges
 * them into tmp/ha-e2e/figures.json, so a CI log and a later look both have them.
 */
export function reportFigures(scenario: string, figures: Figures): void {
  const line = Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  process.stdout.write(`\n[ha-e2e figures] ${scenario}: ${line}\n`);
  mkdirSync(join(WORKSPACE_ROOT, 'tmp', 'ha-e2e'), { recursive: true });
  let all: Record<string, Figures> = {};
  try {
    all = JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Record<string, Figures>;
  } catch {
    all = {};
  }
  all[scenario] = { ...figures, at: new Date().toISOString() };
  writeFileSync(FIGURES_FILE, `${JSON.stringify(all, null, 2)}\n`);
}

export function mibPerSecond(bytes: number, ms: number): number {
  return ms <= 0 ? 0 : Math.round((bytes / (1024 * 1024) / (ms / 1000)) * 10) / 10;
}
