// Which isolation levels may run model-written code. bwrap and unshare (as built here) give the same
// guarantees; rlimit gives only resource limits and a throw-away uid. A run that executes
// model-written code on a level that misses a guarantee is refused unless the user passes --unsafe,
// and then the manifest and every table say UNSAFE. Runs of code the project ships (the sim
// provider: references and its own wrong answers; dataset validation) are allowed with a notice.
import { SandboxError } from '../errors.ts';
import { isRoot } from './command.ts';
import type { Isolation, Sandbox } from './types.ts';

/** What a level cannot guarantee (empty: every guarantee in the README's table holds). */
export function missingGuarantees(level: Isolation, root: boolean = isRoot()): string[] {
  if (level !== 'rlimit') return [];
  const missing = [
    'reading project files, datasets (hidden tests) and home folders',
    'reaching host Unix sockets, the network and DNS',
    'seeing other processes in /proc',
    'processes outliving a SIGKILLed harness (until the next start sweeps them)',
    'filling the disk (only each file is capped)',
  ];
  if (!root) {
    missing.push('signalling, ptracing and writing the files of the harness itself (it runs as our own user)');
    // Found by grader-non-root.test.ts: as our user the program opens the grading harness's pipes
    // through /proc/PID/fd of its parent, so it can read the tests and write verdicts (or hang us).
    missing.push("forging the grading (it can open the grading harness's pipes through /proc/PID/fd, read the tests and write verdicts)");
  }
  return missing;
}

export interface PolicyDecision {
  /** The run goes ahead on a level that misses guarantees, because of --unsafe. */
  unsafe: boolean;
  /** One-line notices for stderr and the manifest's sandbox warnings. */
  notes: string[];
}

/**
 * Decide whether a run may use this sandbox. Throws a SandboxError (naming the fix) when the run
 * executes model-written code on a level that misses a guarantee and `unsafe` is not set.
 */
export function checkIsolationPolicy(o: { isolation: Isolation; unsafe: boolean; modelCode: boolean; root?: boolean }): PolicyDecision {
  const missing = missingGuarantees(o.isolation, o.root ?? isRoot());
  if (missing.length === 0) return { unsafe: false, notes: [] };
  if (!o.modelCode) {
    return {
      unsafe: false,
      notes: [`sandbox: '${o.isolation}' runs only code the project ships in this run (references, the sim provider's answers); model-written code would need bubblewrap or unshare`],
    };
  }
  if (!o.unsafe) {
    throw new SandboxError(`sandbox isolation '${o.isolation}' cannot stop model-written code from ${missing.join('; ')}`, {
      fix: `install bubblewrap (apt-get install bubblewrap) or allow user namespaces; or accept the risk with --isolation ${o.isolation} --unsafe`,
    });
  }
  return { unsafe: true, notes: [`UNSAFE sandbox '${o.isolation}' (--unsafe): model-written code is not stopped from ${missing.join('; ')}`] };
}

/** The sandbox with the decision recorded (warnings gain the notes; `unsafe` is set). */
export function withPolicy<S extends Sandbox>(sandbox: S, decision: PolicyDecision): S {
  return Object.assign(Object.create(Object.getPrototypeOf(sandbox) as object) as S, sandbox, {
    warnings: [...sandbox.warnings, ...decision.notes],
    unsafe: decision.unsafe,
  });
}
