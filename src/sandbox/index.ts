// Public surface of the sandbox that runs model-written Python.
export { createSandbox, DEFAULT_LIMITS } from './python-sandbox.ts';
export type { CreateSandboxOptions, PythonSandbox } from './python-sandbox.ts';
export { detectIsolation, clearIsolationCache, ISOLATION_LEVELS } from './detect.ts';
export type { DetectOptions, IsolationInfo, LevelProbe } from './detect.ts';
export type { PythonInfo } from './command.ts';
export { checkIsolationPolicy, missingGuarantees, withPolicy } from './policy.ts';
export type { PolicyDecision } from './policy.ts';
export type { Isolation, Sandbox, SandboxLimits, SandboxRequest, SandboxResult } from './types.ts';
