// Long-lived trusted grading harnesses (grade-protocol.py + grade-harness.py), one per grading run in
// flight, reused from run to run: starting a Python process per grading would cost about as much as
// the grading itself. The harness runs trusted code only (the tests); everything the sandboxed
// solution sends reaches it as lines tagged with the job number, so a line a solution sends late (or
// early) can never be read as an answer in another job.
//
// Lines to the harness: "J<job> <spec json>" starts a job; "S<job> <line>" is a line from that job's
// solution; "X<job>" says that the solution's process ended. Lines from the harness: ">" + request
// for the current job's solution, "=<job> " + report.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SandboxError } from '../../errors.ts';

const source = (name: string) => readFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url)), 'utf8');
const HARNESS = `${source('grade-protocol.py')}\n${source('grade-harness.py')}`;

export interface HarnessReport {
  load_error: string | null;
  results: { ok: boolean; error?: string }[];
}

interface JobHandlers {
  onRequest(line: string): void;
  onReport(report: HarnessReport): void;
  onExit(why: string): void;
}

export class Harness {
  private readonly proc: ChildProcessWithoutNullStreams;
  private pending = '';
  private stderrTail = '';
  private job: { id: number; handlers: JobHandlers } | null = null;
  dead = false;

  constructor(python: string) {
    this.proc = spawn(python, ['-I', '-S', '-B', '-c', HARNESS], { env: { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' }, stdio: 'pipe' });
    this.proc.stdin.on('error', () => {});
    this.proc.stdout.on('data', (c: Buffer) => this.onData(c));
    this.proc.stderr.on('data', (c: Buffer) => {
      this.stderrTail = (this.stderrTail + c.toString('utf8')).slice(-2000);
    });
    this.proc.on('error', () => this.die('could not start'));
    this.proc.on('exit', (code, signal) => this.die(signal ? `killed by ${signal}` : `exit ${code}`));
    this.setRef(false);
  }

  /** Idle harnesses must not keep Node running; busy ones must. */
  private setRef(on: boolean): void {
    for (const s of [this.proc.stdin, this.proc.stdout, this.proc.stderr] as unknown as Socket[]) (on ? s.ref : s.unref)?.call(s);
    if (on) this.proc.ref();
    else this.proc.unref();
  }

  private die(why: string): void {
    if (this.dead) return;
    this.dead = true;
    const tail = this.stderrTail.trim().split('\n').slice(-3).join(' | ');
    this.job?.handlers.onExit(`${why}${tail ? `: ${tail}` : ''}`);
    this.job = null;
  }

  private onData(chunk: Buffer): void {
    this.pending += chunk.toString('utf8');
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      const job = this.job;
      if (!job) continue;
      if (line.startsWith('>')) job.handlers.onRequest(line.slice(1));
      else if (line.startsWith(`=${job.id} `)) {
        this.job = null;
        this.setRef(false);
        job.handlers.onReport(JSON.parse(line.slice(`=${job.id} `.length)) as HarnessReport);
      }
    }
  }

  start(id: number, spec: unknown, handlers: JobHandlers): void {
    this.job = { id, handlers };
    this.setRef(true);
    this.proc.stdin.write(`J${id} ${JSON.stringify(spec)}\n`);
  }

  /** A line the solution sent (without its newline). */
  solutionLine(id: number, line: string): void {
    this.proc.stdin.write(`S${id} ${line}\n`);
  }

  solutionEnded(id: number): void {
    this.proc.stdin.write(`X${id}\n`);
  }

  kill(): void {
    this.proc.kill('SIGKILL');
    this.die('killed');
  }
}

const idle = new Map<string, Harness[]>();
let jobs = 0;

/** A free harness for this interpreter (started if none is idle), and a fresh job number. */
export function acquireHarness(python: string): { harness: Harness; job: number } {
  const list = idle.get(python) ?? [];
  let harness = list.pop();
  while (harness?.dead) harness = list.pop();
  return { harness: harness ?? new Harness(python), job: ++jobs };
}

/** Give a harness back after a job that ended with its report. */
export function releaseHarness(python: string, harness: Harness): void {
  if (harness.dead) return;
  const list = idle.get(python) ?? [];
  list.push(harness);
  idle.set(python, list);
}

export function harnessFailure(why: string): SandboxError {
  return new SandboxError(`the grading harness failed (${why})`);
}
