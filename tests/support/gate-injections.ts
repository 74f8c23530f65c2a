// Deliberately injected regressions for the gate's self-test (tests/gate-selftest.test.ts): each is a
// text edit of one source file in a COPY of the code. `stage` says which step of the experiment the
// edited code takes part in: 'matrix' (the agents' runs) or 'replay' (routers and SALE on the matrix).
export interface Injection {
  name: string;
  file: string;
  from: string;
  to: string;
  stage: 'matrix' | 'replay';
}

export const INJECTIONS: Injection[] = [
  {
    name: 'oracle picks the dearest agent',
    file: 'src/metrics/oracle.ts',
    from: '} else if (o.costUsd < best.o.costUsd) best = { agent, o };',
    to: '} else if (o.costUsd > best.o.costUsd) best = { agent, o };',
    stage: 'replay',
  },
  {
    name: 'cascade never accepts',
    file: 'src/routers/builtin/cascade.ts',
    from: 'if (score >= fit.thresholds[i]!) break;',
    to: 'if (score > Infinity) break;',
    stage: 'replay',
  },
  {
    name: 'SALE ignores the jury',
    file: 'src/sale/features.ts',
    from: 'for (const [j, wj] of Object.entries(w.jury)) V += wj * (f.jury[j] ?? 0);',
    to: 'for (const [j, wj] of Object.entries(w.jury)) V += 0 * wj * (f.jury[j] ?? 0);',
    stage: 'replay',
  },
  {
    name: 'grader truncates submissions at 250 characters',
    file: 'src/suites/coding/grader.ts',
    from: 'const report = await runFunctionTests(sandbox, p, submission.code);',
    to: 'const report = await runFunctionTests(sandbox, p, submission.code.slice(0, 250));',
    stage: 'matrix',
  },
  {
    name: 'prices swapped between 4b and 32b',
    file: 'src/runner/attempt.ts',
    from: 'costUsd: ((usage.inputTokens + usage.outputTokens) * agent.pricePerMTok) / 1e6,',
    to: "costUsd: ((usage.inputTokens + usage.outputTokens) * (agent.name === '4b' ? 0.36 : agent.name === '32b' ? 0.05 : agent.pricePerMTok)) / 1e6,",
    stage: 'matrix',
  },
  {
    name: "an agent's success halved in the sim (14b)",
    file: 'src/models/sim/calibration.ts',
    from: 'return successProbability(this.curve(domain, agent), tau);',
    to: "return successProbability(this.curve(domain, agent), tau) * (agent === '14b' ? 0.5 : 1);",
    stage: 'matrix',
  },
];
