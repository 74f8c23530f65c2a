// `sale repro paper`: the pilot and its estimate, the go-ahead, the protocol's stages, REPRODUCTION.md.
// Every model call goes through a call journal (journal.ts) in the output folder, so that a rerun after
// a kill at any point makes no answered call again, and a budget stops the run where it is.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { ConfigError, ExitError } from '../errors.ts';
import { wrapModelClients } from '../models/registry.ts';
import { readRecords } from '../records/run-dir.ts';
import { createSuites } from '../suites/index.ts';
import { BIN_KEYS } from '../tasks/bins.ts';
import { selectTasks } from '../tasks/select.ts';
import { estimateLines, estimateProtocol, type Estimate, type Stratum } from './estimate.ts';
import { BudgetReached, CallJournal, JOURNAL, type Budget } from './journal.ts';
import { checkConfigAgainstProtocol, protocolConfigDir, suiteTasks, type Protocol } from './protocol.ts';
import type { Reported } from './reported.ts';
import { writeReproduction } from './reproduction.ts';
import { protocolStages, StageRunner, type BenchCommand, type RunSettings, type Stage } from './stages.ts';

export interface ReproOptions {
  protocol: Protocol;
  reported: Reported;
  out: string;
  settings: RunSettings;
  budget: Budget;
  /** Tasks per bin in the pilot (default: the protocol's). */
  pilot?: number;
  /** Skip the question after the estimate. */
  yes: boolean;
  bench: BenchCommand;
  /** Ask whether to go on after the estimate (the CLI: a prompt on a terminal, else a refusal with the fix). */
  confirm: (lines: string[]) => Promise<boolean>;
  withPlansAvailable: boolean;
  log: (line: string) => void;
  /** The command that resumes this run, for messages. */
  resumeCommand: string;
}

export interface ReproResult {
  estimate: Estimate;
  reproduction: string;
  modelCalls: { pilot: number; full: number };
  replayedCalls: number;
}

const binKey = (bin: number) => BIN_KEYS[bin] ?? String(bin);

/** The tasks the protocol's matrix will hold at this --limit. */
function fullTasks(p: Protocol, limit: number | undefined): Stratum[] {
  const config = loadConfig(protocolConfigDir(p));
  const names = Object.keys(p.suites);
  const tasks = names.map((n) => suiteTasks(p, n)).find(Boolean);
  return createSuites(names, config, tasks ? { tasks: [tasks] } : {}).flatMap((suite) => selectTasks(suite.tasks, { limit: limit ?? null }).map((t) => ({ domain: suite.domain, bin: binKey(t.bin), tau: t.tau })));
}

async function runStages(runner: StageRunner, stages: Stage[], journal: CallJournal, resume: string): Promise<void> {
  for (const stage of stages) {
    try {
      await runner.run(stage);
    } catch (e) {
      if (journal.budgetHit || e instanceof BudgetReached) throw budgetStop(journal.budgetHit ?? (e as BudgetReached), stage.name, resume);
      throw e;
    }
    // SALE records an engine refusal as an infrastructure error and goes on: the journal knows.
    if (journal.budgetHit) throw budgetStop(journal.budgetHit, stage.name, resume);
  }
}

function budgetStop(b: BudgetReached, stage: string, resume: string): ExitError {
  const more = [b.budget.usd !== undefined ? `--budget-usd ${Math.max(b.budget.usd * 2, b.spent.usd * 1.5).toPrecision(3)}` : '', b.budget.gpuHours !== undefined ? `--budget-gpu-hours ${(b.budget.gpuHours * 2).toPrecision(3)}` : ''].filter(Boolean).join(' ');
  return new ExitError(3, `stopped at the budget in stage ${stage}: ${b.message}.\nEvery answered call is kept (calls.jsonl); finished stages are kept. Resume with a larger budget:\n  ${resume} ${more}`);
}

/** Everything that can be refused before a file is written: the configuration folder and --limit. */
export function checkRun(p: Protocol, limit: number | undefined): void {
  checkConfigAgainstProtocol(p, loadConfig(protocolConfigDir(p)));
  // SALE's weight fit needs a training task in every stratum (domain × bin): round(train_frac · n) ≥ 1
  // (the split's rounding, src/routers/split.ts).
  const least = Math.ceil(0.5 / p.split.train_frac) * BIN_KEYS.length;
  if (limit !== undefined && limit < least) {
    throw new ConfigError([`--limit ${limit}: SALE's training split would be empty (it takes round(${p.split.train_frac} × n) tasks of each domain × τ bin)`], { fix: `use --limit ${least} or more (${least / BIN_KEYS.length} tasks per bin)` });
  }
}

export async function reproPaper(o: ReproOptions): Promise<ReproResult> {
  const p = o.protocol;
  checkRun(p, o.settings.limit);
  mkdirSync(o.out, { recursive: true });
  const prices = new Map(Object.entries(p.agents).map(([n, a]) => [n, a.price_per_mtok]));
  // The pilot holds SALE's weight fit too: every stratum (domain × bin) needs a training task, i.e.
  // round(train_frac · n) ≥ 1 (the split's rounding, src/routers/split.ts).
  const asked = o.pilot ?? p.pilot.tasks_per_bin;
  const perBin = Math.max(asked, Math.ceil(0.5 / p.split.train_frac));
  if (perBin > asked) o.log(`pilot: ${asked} task(s) per bin leave SALE's training split empty at train_frac ${p.split.train_frac}; using ${perBin}`);
  const pilotLimit = Math.min(perBin * BIN_KEYS.length, o.settings.limit ?? Infinity);
  const label = o.settings.provider === 'sim' ? 'SIMULATED' : null;

  // 1. The pilot: every stage with model calls on a few tasks per bin, in pilot/, with its own journal.
  const pilotDir = join(o.out, 'pilot');
  mkdirSync(pilotDir, { recursive: true });
  const pilotJournal = new CallJournal(join(pilotDir, JOURNAL), prices, o.budget);
  const pilotStages = protocolStages(p, pilotDir, { ...o.settings, limit: pilotLimit }, { withPlansAvailable: o.withPlansAvailable }).filter((s) => s.modelCalls);
  const pilotRunner = new StageRunner(pilotDir, p, o.bench, pilotJournal, o.log);
  o.log(`${label ? `${label} ` : ''}pilot: ${perBin} task(s) per τ bin and suite, every agent, every stage with model calls`);
  const unwrapPilot = wrapModelClients((c) => pilotJournal.wrap(c));
  try {
    await runStages(pilotRunner, pilotStages, pilotJournal, o.resumeCommand);
  } finally {
    unwrapPilot();
  }
  const pilotTasks = new Map(readRecords(join(pilotDir, 'matrix')).map((r) => [r.taskId, { domain: r.domain, bin: binKey(r.bin), tau: r.tau }] as const));
  const pilotWallMs = pilotStages.reduce((s, st) => s + (pilotRunner.stateOf(st.name)?.wallMs ?? 0), 0);
  const auctionLog = join(pilotDir, 'sale', 'auctions.jsonl');
  const auctions = existsSync(auctionLog) ? readFileSync(auctionLog, 'utf8').split('\n').filter(Boolean).length : 0;
  const estimate = estimateProtocol({ costs: pilotJournal.costs, pilotTasks, fullTasks: fullTasks(p, o.settings.limit), pilotWallMs, auctions: { pilot: auctions, agents: Object.keys(p.agents).length } });
  writeFileSync(join(pilotDir, 'estimate.json'), `${JSON.stringify({ label, ...estimate }, null, 2)}\n`);
  const lines = estimateLines(estimate, label);
  for (const l of lines) o.log(l);

  // 2. The go-ahead (once: a resumed run does not ask again).
  const acceptedFile = join(o.out, 'accepted.json');
  if (!existsSync(acceptedFile)) {
    if (!o.yes && !(await o.confirm(lines))) throw new ExitError(1, `stopped after the pilot; nothing more was run. Go on later with: ${o.resumeCommand} --yes`);
    writeFileSync(acceptedFile, `${JSON.stringify({ at: new Date().toISOString(), estimate: { usd: estimate.usd, gpuHours: estimate.gpuHours } }, null, 2)}\n`);
  }

  // 3. The whole protocol, stage by stage, resumable.
  const journal = new CallJournal(join(o.out, JOURNAL), prices, o.budget);
  journal.offset = pilotJournal.spent();
  const runner = new StageRunner(o.out, p, o.bench, journal, o.log);
  const stages = protocolStages(p, o.out, o.settings, { withPlansAvailable: o.withPlansAvailable });
  o.log(`${label ? `${label} ` : ''}protocol: ${stages.map((s) => s.name).join(' → ')} in ${o.out}`);
  const unwrap = wrapModelClients((c) => journal.wrap(c));
  try {
    await runStages(runner, stages, journal, o.resumeCommand);
  } finally {
    unwrap();
  }
  const measured = journal.costs.reduce((s, c) => s + c.inputTokens + c.outputTokens, 0);
  writeFileSync(join(o.out, 'calls-summary.json'), `${JSON.stringify({ label, modelCallsThisProcess: journal.modelCalls, callsAnsweredFromJournal: journal.replayedCalls, answeredCalls: journal.costs.length, tokens: measured, estimateTokens: estimate.inputTokens + estimate.outputTokens, ...journal.spent() }, null, 2)}\n`);

  // 4. REPRODUCTION.md.
  const reproduction = writeReproduction({ out: o.out, protocol: p, reported: o.reported, estimate, measured: { tokens: measured, ...journal.spent() }, label, matrixWithPlans: p.matrix.with_plans });
  return { estimate, reproduction, modelCalls: { pilot: pilotJournal.modelCalls, full: journal.modelCalls }, replayedCalls: journal.replayedCalls + pilotJournal.replayedCalls };
}

/** Settings kept in the output folder, so `sale repro paper --out DIR` alone carries on. */
export const SETTINGS_FILE = 'repro.json';
export function storedSettings(out: string): Record<string, string | number | boolean> | undefined {
  const f = join(out, SETTINGS_FILE);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Record<string, string | number | boolean>) : undefined;
}
export function storeSettings(out: string, s: Record<string, string | number | boolean>): void {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, SETTINGS_FILE), `${JSON.stringify(s, null, 2)}\n`);
}
