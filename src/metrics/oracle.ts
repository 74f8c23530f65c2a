// THE oracle (METRICS.md), defined once and used by the oracle router, TO-Router's training labels, the
// router tables (gap, Opt.*, escalation) and `bench compare`: on a task, the cheapest agent that solved
// it, "cheapest" by the recorded cost of its attempt ($, the cost every table uses; ties go to the agent
// listed first, i.e. the cheaper by price). When no agent solved it, the cheapest attempt, counted as a
// failure (a router that knew the outcome would fail at the least cost).

export interface OracleOutcome {
  passed: boolean;
  costUsd: number;
}

export interface OracleChoice {
  agent: string;
  /** Did the chosen agent solve the task (= did any agent)? */
  solved: boolean;
}

/**
 * The oracle's agent on one task. `agents` are cheapest first by price (the tie-break); agents without
 * an outcome are skipped. Null when no agent has one.
 */
export function oracleChoice(agents: readonly string[], outcome: (agent: string) => OracleOutcome | undefined): OracleChoice | null {
  let best: { agent: string; o: OracleOutcome } | null = null;
  for (const agent of agents) {
    const o = outcome(agent);
    if (!o) continue;
    if (!best) best = { agent, o };
    else if (o.passed !== best.o.passed) {
      if (o.passed) best = { agent, o };
    } else if (o.costUsd < best.o.costUsd) best = { agent, o };
  }
  return best ? { agent: best.agent, solved: best.o.passed } : null;
}
