import type { RouterFactory } from '../../src/routers/types.ts';

/** Tries the cheapest agent, and the dearest one only when the cheapest failed. */
export const twoStepRouter: RouterFactory = ({ agents }) => ({
  name: 'two-step',
  async route(task, execute) {
    const first = await execute(agents[0]!.name);
    if (first.record.passed || agents.length === 1) return { attempts: [first] };
    return { attempts: [first, await execute(agents.at(-1)!.name)], details: { escalated: task.id } };
  },
});
// Then one line in src/routers/registry.ts (ROUTERS):
//   'two-step': { factory: twoStepRouter, trained: false, hindsight: false, description: 'cheapest, then dearest' },
