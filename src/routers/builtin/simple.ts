// Routers that need no training: one agent alone, random (seeded), and the oracle (hindsight).
import { createHash } from 'node:crypto';
import { oracleChoice } from '../../metrics/oracle.ts';
import type { RouterFactory } from '../types.ts';

export const singleAgent =
  (agent: string): RouterFactory =>
  () => ({
    name: `agent:${agent}`,
    async route(_task, execute) {
      return { attempts: [await execute(agent)] };
    },
  });

/** Uniform over agents, seeded by (seed, task id): reproducible and order-independent. */
export const randomRouter: RouterFactory = (ctx) => ({
  name: 'random',
  async route(task, execute) {
    const u = createHash('sha256').update(`random\u241f${ctx.seed}\u241f${task.id}`).digest().readUInt32BE(0) / 2 ** 32;
    const agent = ctx.agents[Math.floor(u * ctx.agents.length)]!.name;
    return { attempts: [await execute(agent)] };
  },
});

/**
 * The oracle (src/metrics/oracle.ts, the one definition): in hindsight, the agent whose passing attempt
 * cost least (the cheapest attempt when none passed). The upper bound on any router that picks one
 * agent; it cannot be deployed.
 */
export const oracleRouter: RouterFactory = (ctx) => {
  if (!ctx.hindsight) throw new Error('the oracle needs every agent\'s outcome on the task (an outcome matrix)');
  const hindsight = ctx.hindsight;
  return {
    name: 'oracle',
    async route(task, execute) {
      const outcomes = hindsight(task.id);
      const choice = oracleChoice(
        ctx.agents.map((a) => a.name),
        (a) => outcomes[a],
      );
      return { attempts: [await execute(choice?.agent ?? ctx.agents[0]!.name)], details: { solvedBy: ctx.agents.filter((a) => outcomes[a.name]?.passed).map((a) => a.name) } };
    },
  };
};
