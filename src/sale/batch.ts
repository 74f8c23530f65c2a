// Swap-aware batching (issue 17): on one GPU box that cannot hold every model, an auction calls all four
// models, so auctions held one after another make the engine swap models constantly. A stream therefore
// makes the calls that do not depend on the memory — every bid of a window of upcoming auctions, then
// every jury score of those bids — ahead of the auctions, grouped by model: all of the window's calls to
// the cheapest model, then all to the next, and so on. The auctions then run in stream order as before and
// find those calls made (calls.ts `bidAhead`/`judgeAhead`); refinements and the jury of refined plans read
// the memory and stay in stream order. A call's reply depends only on its inputs (task, agent, prompt,
// seed, temperature 0), so the auction log is the same for any window (tested in batch.test.ts).
import type { AuctionCaller } from './calls.ts';
import { judgesOf } from './features.ts';
import type { TaskView } from './prompts.ts';
import type { Task } from '../tasks/types.ts';
import type { AuctionAgent, JuryMode, Plan } from './types.ts';

export interface WindowTask {
  task: Task;
  view: TaskView;
}

/** Make the window's bids model by model, then the bids' jury calls judge by judge (last bidder's model first); resolves once every call is queued. */
export async function prefetchWindow(caller: AuctionCaller, items: WindowTask[], agents: AuctionAgent[], jury: JuryMode): Promise<void> {
  if (!items.length) return;
  const names = agents.map((a) => a.name);
  const bids: { item: WindowTask; agent: string; plan: Promise<Plan> }[] = [];
  for (const agent of names) for (const item of items) bids.push({ item, agent, plan: caller.bidAhead(item.task, item.view, agent) });
  const plans = await Promise.allSettled(bids.map((b) => b.plan));
  // Judges in the reverse order: the models the bids left loaded judge first.
  for (const judge of [...names].reverse()) {
    bids.forEach((b, i) => {
      const r = plans[i]!;
      // A failed bid is made again by its auction (and then judged there).
      if (r.status === 'fulfilled' && judgesOf(jury, b.agent, names).includes(judge)) void caller.judgeAhead(b.item.task, b.item.view, judge, r.value);
    });
  }
}
