// The stages of `sale repro paper`, in order: matrix (with plans, once `bench matrix --with-plans`
// exists) → SALE orders and ablations → baselines by replay → compare → report. Each stage is an
// ordinary `sale bench …` command run in-process (the CLI hands over a function that parses and runs
// one, so every flag, check and resume rule is the command's own), writing into its own folder. A stage
// is skipped when stages.json says it finished with the same fingerprint (the protocol, the stage's
// arguments, the configuration files and the stages it reads); a different fingerprint is refused.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { canonicalJson, sha256 } from '../records/fingerprint.ts';
import { MANIFEST, readManifest } from '../records/run-dir.ts';
import { ConfigError } from '../errors.ts';
import { ablationFlags, protocolConfigDir, suiteTasks, type Protocol } from './protocol.ts';
import type { CallJournal } from './journal.ts';

/** Runs one `sale bench …` command line in this process (given by the CLI). */
export type BenchCommand = (argv: string[]) => Promise<void>;

export const STAGES_FILE = 'stages.json';
export const STAGE_NAMES = ['matrix', 'sale', 'baselines', 'compare', 'report'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface RunSettings {
  provider?: string;
  host?: string;
  /** Tasks per suite, round-robin over the bins (`--limit`); absent = every task. */
  limit?: number;
  concurrency?: string;
}

export interface Stage {
  name: StageName;
  /** The folder the stage writes (a file for the report). */
  dir: string;
  reads: StageName[];
  /** Does the stage ask models anything? (compare and report never do; baselines replay.) */
  modelCalls: boolean;
  argv: (resume: boolean) => string[];
}

interface StageState {
  fingerprint: string;
  status: 'done';
  finishedAt: string;
  wallMs: number;
  modelCalls: number;
  replayedCalls: number;
}

/** The suites of a protocol as `bench` flags: one run over all bundled suites, or one imported suite. */
function suiteFlags(p: Protocol): string[] {
  const names = Object.keys(p.suites);
  const imported = names.filter((n) => suiteTasks(p, n));
  if (imported.length && names.length > 1) {
    throw new ConfigError([`${p.file}: suites: ${imported.join(', ')} name tasks: (an import) beside other suites; a run takes one task path`], {
      fix: 'use one protocol file per imported suite (copy configs/paper.yaml and keep one suite in each)',
    });
  }
  const tasks = imported.length ? suiteTasks(p, imported[0]!) : undefined;
  return ['--suite', names.join(','), ...(tasks ? ['--tasks', tasks] : [])];
}

export function protocolStages(p: Protocol, base: string, s: RunSettings, options: { withPlansAvailable: boolean }): Stage[] {
  const matrix = join(base, 'matrix');
  const sale = join(base, 'sale');
  const baselines = join(base, 'baselines');
  const engine = [...(s.provider ? ['--provider', s.provider] : []), ...(s.host ? ['--host', s.host] : [])];
  const split = ['--train-frac', String(p.split.train_frac), '--split-seed', String(p.split.seed), '--seed', String(p.seeds.engine)];
  if (p.matrix.with_plans && !options.withPlansAvailable) {
    throw new ConfigError([`${p.file}: matrix.with_plans is true, but this build's \`sale bench matrix\` has no --with-plans`], { fix: 'set matrix.with_plans: false (SALE then replays plan-free executions, and REPRODUCTION.md says so)' });
  }
  return [
    {
      name: 'matrix',
      dir: matrix,
      reads: [],
      modelCalls: true,
      argv: (resume) =>
        resume
          ? ['matrix', '--resume', matrix]
          : ['matrix', ...suiteFlags(p), ...engine, '--config', protocolConfigDir(p), '--seed', String(p.seeds.engine), ...(s.limit ? ['--limit', String(s.limit)] : []), ...(s.concurrency ? ['--concurrency', s.concurrency] : []), ...(p.matrix.with_plans ? ['--with-plans'] : []), '--out', matrix],
    },
    {
      name: 'sale',
      dir: sale,
      reads: ['matrix'],
      modelCalls: true,
      argv: () => ['run', '--router', 'sale', '--replay', matrix, ...engine, '--config', protocolConfigDir(p), '--orders', String(p.sale.orders), ...ablationFlags(p), ...split, ...(s.concurrency ? ['--concurrency', s.concurrency] : []), '--out', sale],
    },
    {
      name: 'baselines',
      dir: baselines,
      reads: ['matrix'],
      modelCalls: false,
      argv: () => ['run', '--router', p.baselines.join(','), '--replay', matrix, ...split, '--out', baselines],
    },
    { name: 'compare', dir: join(base, 'compare'), reads: ['sale', 'baselines'], modelCalls: false, argv: () => ['compare', baselines, sale, '--seed', String(p.seeds.bootstrap), '--out', join(base, 'compare')] },
    { name: 'report', dir: join(base, 'report.html'), reads: ['matrix', 'sale', 'baselines'], modelCalls: false, argv: () => ['report', matrix, baselines, sale, '--seed', String(p.seeds.bootstrap), '--out', join(base, 'report.html')] },
  ];
}

/** The configuration files the runs read (their bytes are part of every stage's fingerprint). */
function configHash(p: Protocol): string {
  const dir = protocolConfigDir(p);
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'paper.yaml' && f !== 'paper-reported.yaml').sort();
  return sha256(canonicalJson(files.map((f) => [f, sha256(readFileSync(join(dir, f), 'utf8'))])));
}

export class StageRunner {
  private readonly state: Record<string, StageState>;
  private readonly file: string;
  private readonly fingerprints = new Map<StageName, string>();
  constructor(
    readonly base: string,
    private readonly protocol: Protocol,
    private readonly bench: BenchCommand,
    private readonly journal: CallJournal,
    private readonly log: (line: string) => void,
  ) {
    this.file = join(base, STAGES_FILE);
    this.state = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, StageState>) : {};
  }

  /** What the stage's outputs depend on: not the protocol's file name or pilot size, nor --concurrency. */
  fingerprint(stage: Stage): string {
    const { file: _file, pilot: _pilot, ...protocol } = this.protocol;
    const argv = stage.argv(false);
    const args = argv.filter((a, i) => a !== '--concurrency' && argv[i - 1] !== '--concurrency').map((a) => (a.startsWith(this.base) ? relative(this.base, a) : a));
    return sha256(canonicalJson({ stage: stage.name, args, protocol, config: configHash(this.protocol), reads: stage.reads.map((r) => this.fingerprints.get(r) ?? r) }));
  }

  async run(stage: Stage): Promise<'skipped' | 'ran'> {
    const fp = this.fingerprint(stage);
    this.fingerprints.set(stage.name, fp);
    const prior = this.state[stage.name];
    if (prior && prior.fingerprint !== fp) {
      throw new ConfigError([`${stage.dir}: the ${stage.name} stage there was made with other settings (its fingerprint differs: protocol, flags, configuration or an earlier stage changed)`], {
        fix: `use another --out, or delete ${this.base} to start over`,
      });
    }
    if (prior && existsSync(stage.dir)) {
      this.log(`  ${stage.name}: done earlier, skipped (${relative(process.cwd(), stage.dir) || stage.dir})`);
      return 'skipped';
    }
    // A killed matrix resumes attempt by attempt; a killed replay or plot folder is made again (its
    // model calls, if any, come back from the call journal).
    const resume = stage.name === 'matrix' && existsSync(join(stage.dir, MANIFEST));
    if (!resume && existsSync(stage.dir)) rmSync(stage.dir, { recursive: true, force: true });
    if (resume && readManifest(stage.dir).status === 'complete') this.log(`  ${stage.name}: complete on disk, tables rewritten`);
    this.log(`  ${stage.name}: ${resume ? 'resuming' : 'running'}: sale bench ${stage.argv(resume).map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`);
    this.journal.stage = stage.name;
    const calls = this.journal.modelCalls;
    const replayed = this.journal.replayedCalls;
    const started = Date.now();
    await this.bench(stage.argv(resume));
    this.state[stage.name] = {
      fingerprint: fp,
      status: 'done',
      finishedAt: new Date().toISOString(),
      wallMs: Date.now() - started,
      modelCalls: this.journal.modelCalls - calls,
      replayedCalls: this.journal.replayedCalls - replayed,
    };
    writeFileSync(this.file, `${JSON.stringify(this.state, null, 2)}\n`);
    return 'ran';
  }

  stateOf(name: StageName): StageState | undefined {
    return this.state[name];
  }
}
