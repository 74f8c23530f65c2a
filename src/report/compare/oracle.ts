// The oracle router, computed from the records of the single agents (METRICS.md: it picks the cheapest
// agent that solved the task). Its records are the chosen agents' own attempts under the system name
// ORACLE_SYSTEM, so every table and plot treats it like any other system.
import type { AttemptRecord } from '../../records/records.ts';
import { agentSystem } from '../../records/records.ts';
import { oracleChoice } from '../../metrics/oracle.ts';
import type { AgentInfo } from './load.ts';

export const ORACLE_SYSTEM = 'oracle';

export type SystemKind = 'agent' | 'router' | 'oracle';

export function systemKind(system: string): SystemKind {
  if (system.startsWith('agent:')) return 'agent';
  // A router run that replayed the oracle router already holds it: draw it as the oracle, once.
  if (system === ORACLE_SYSTEM || system === 'router:oracle') return 'oracle';
  return 'router';
}

/**
 * Oracle records for one domain: defined only when every agent of the pool has a graded attempt on
 * the task (so the oracle is computed on the tasks all single agents share). The choice is THE oracle
 * of src/metrics/oracle.ts (cheapest passing attempt; the cheapest attempt, a failure, when none passed).
 * Returns [] when fewer than two agents have records, or the records already hold a system by that name.
 */
export function oracleRecords(records: readonly AttemptRecord[], agents: readonly AgentInfo[], domain: string): AttemptRecord[] {
  if (records.some((r) => r.system === ORACLE_SYSTEM || r.system === 'router:oracle')) return [];
  const systems = agents.map((a) => agentSystem(a.name));
  const inDomain = records.filter((r) => r.domain === domain && systems.includes(r.system));
  const present = new Set(inDomain.map((r) => r.system));
  if (present.size < 2 || present.size < systems.length) return [];
  const byTask = new Map<string, AttemptRecord[]>();
  for (const r of inDomain) {
    if (r.status === 'infra-error') continue;
    const list = byTask.get(r.taskId);
    if (list) list.push(r);
    else byTask.set(r.taskId, [r]);
  }
  const out: AttemptRecord[] = [];
  for (const [taskId, attempts] of byTask) {
    if (attempts.length !== systems.length) continue;
    const choice = oracleChoice(systems, (s) => attempts.find((r) => r.system === s))!;
    const pick = attempts.find((r) => r.system === choice.agent)!;
    out.push({ ...pick, system: ORACLE_SYSTEM, key: `${ORACLE_SYSTEM}|${taskId}` });
  }
  return out;
}
