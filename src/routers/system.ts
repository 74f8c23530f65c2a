// Adapters onto the System seam (./types.ts): an agent alone, and any Router.
import { agentSystem } from '../records/records.ts';
import type { Task } from '../tasks/types.ts';
import { routeRecord } from './route-record.ts';
import type { Router, RouterTask, System } from './types.ts';

/** What a router may see of a task: its text and coordinates. */
export const asRouterTask = (t: Task): RouterTask => ({ id: t.id, domain: t.domain, bin: t.bin, tau: t.tau, text: t.prompt });

/** An agent alone ("agent:NAME"): one attempt, recorded as it is. */
export function agentAlone(agent: string, accepts?: (taskId: string) => boolean): System {
  return {
    name: agentSystem(agent),
    ...(accepts ? { accepts } : {}),
    run: async (_task, ctx) => (await ctx.execute(agent)).record,
  };
}

/** A router as a system ("router:NAME"): its attempts summed into one record (route-record.ts). */
export function routerSystem(router: Router, accepts?: (taskId: string) => boolean): System {
  const name = `router:${router.name}`;
  return {
    name,
    ...(accepts ? { accepts } : {}),
    async run(task, ctx) {
      return routeRecord(name, await router.route(task, ctx.execute), ctx.replayed);
    },
  };
}
