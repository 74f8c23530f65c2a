// Routers replayed on a plan-conditioned matrix see the task prompt, not the executing agent's plan.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { createSuites, suiteNames } from '../suites/index.ts';
import { withoutPlan } from './run-routers.ts';

describe('withoutPlan', () => {
  it('gives back exactly the plan-free prompt for every bundled suite and payload kind', () => {
    const config = loadConfig();
    const plan = 'Plan (SIMULATED):\n1. Restate the specification.\n2. Submit.\n[SIMULATED plan · signal +0.100 · lineage abc]';
    let checked = 0;
    for (const suite of createSuites(suiteNames(config), config)) {
      const kinds = new Map<string, (typeof suite.tasks)[number]>();
      for (const t of suite.tasks) if (!kinds.has(t.payload.kind)) kinds.set(t.payload.kind, t);
      for (const task of kinds.values()) {
        const withPlan = suite.userPrompt(task, plan);
        expect(withPlan).toContain(plan);
        expect(withoutPlan(withPlan, plan)).toBe(suite.userPrompt(task).trim());
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('leaves a prompt without that plan alone', () => {
    expect(withoutPlan('Question: who?', 'some plan')).toBe('Question: who?');
  });
});
