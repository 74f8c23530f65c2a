/** How strongly model-written code is isolated, strongest first. */
export type Isolation = 'bwrap' | 'unshare' | 'rlimit';

export interface SandboxLimits {
  /** Wall-clock limit; the whole process group is killed when it passes. */
  timeoutMs: number;
  /** CPU seconds (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Address-space limit in MiB (RLIMIT_AS). */
  memoryMb: number;
  /** Maximum processes (RLIMIT_NPROC; a pid namespace as well under bwrap). */
  maxProcesses: number;
  /** stdout and stderr are each cut to this many bytes. */
  maxOutputBytes: number;
}

export interface SandboxRequest {
  /** Python source to run as the main program. */
  code: string;
  /** Extra files written into the fresh working folder before running (name → content). */
  files?: Record<string, string>;
  /** Arguments after the script name. */
  args?: string[];
  stdin?: string;
  limits?: Partial<SandboxLimits>;
  /**
   * Talk to the program while it runs: its stdin and stdout are handed to this function instead of
   * being captured (`stdout` of the result is then ''; `stdin` above is ignored). stderr is still
   * captured and capped. The caller caps what it reads from stdout and calls kill() to stop a flood
   * (the run then ends with status "output limit").
   */
  attach?: (io: SandboxIo) => void;
}

export interface SandboxIo {
  stdin: NodeJS.WritableStream;
  stdout: NodeJS.ReadableStream;
  kill(): void;
}

export interface SandboxResult {
  stdout: string;
  stderr: string;
  /** Process exit code; null when killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  /** Killed for passing the wall-clock limit. */
  timedOut: boolean;
  /** stdout or stderr was cut at maxOutputBytes. */
  outputTruncated: boolean;
  /** Why it ended, in words: "ok", "exit 1", "timeout", "memory limit", "killed by SIGKILL", ... */
  status: string;
  durationMs: number;
  isolation: Isolation;
}

export interface Sandbox {
  readonly isolation: Isolation;
  /** Warnings about weaker isolation than asked for (shown once by the CLI, stored in the run record). */
  readonly warnings: string[];
  /** The interpreter sandboxed programs run with (the trusted grading harness uses it too). */
  readonly python?: { executable: string; version: string };
  /** Runs on a level that misses guarantees because the user passed --unsafe (see policy.ts). */
  readonly unsafe?: boolean;
  runPython(request: SandboxRequest): Promise<SandboxResult>;
}
