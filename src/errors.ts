// Every error `sale` raises on purpose. Only `cli/` maps them to exit codes and messages.
const marker = Symbol.for('sale.error');

export class SaleError extends Error {
  readonly [marker] = true;
  /** A one-line hint telling the user how to fix the problem. */
  readonly fix: string | undefined;
  constructor(message: string, options: { fix?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SaleError';
    this.fix = options.fix;
  }
  static isInstance(e: unknown): e is SaleError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[marker] === true;
  }
}

/** Invalid configuration, task file or CLI flag. `where` is "file:line" or "file: key.path". */
export class ConfigError extends SaleError {
  readonly problems: string[];
  constructor(problems: string[], options: { fix?: string } = {}) {
    super(problems.length === 1 ? problems[0]! : `${problems.length} problems:\n  - ${problems.join('\n  - ')}`, options);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The kind of an infrastructure failure: counted apart from model failures. */
export type InfraErrorKind = 'connection' | 'http-5xx' | 'http-4xx' | 'timeout' | 'stall' | 'stream' | 'missing-counters';

/** A failed call to a model server (connection, HTTP status, timeout, stall). */
export class ApiCallError extends SaleError {
  readonly kind: InfraErrorKind;
  readonly status: number | undefined;
  readonly url: string | undefined;
  readonly isRetryable: boolean;
  constructor(
    message: string,
    options: { kind: InfraErrorKind; status?: number; url?: string; isRetryable: boolean; fix?: string; cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiCallError';
    this.kind = options.kind;
    this.status = options.status;
    this.url = options.url;
    this.isRetryable = options.isRetryable;
  }
}

/** The model named is not installed on the server. */
export class ModelNotFoundError extends SaleError {
  constructor(model: string, host: string, options: { engine?: string; fix?: string } = {}) {
    super(`model '${model}' is not installed on the ${options.engine ?? 'Ollama'} server at ${host}`, { fix: options.fix ?? `ollama pull ${model}` });
    this.name = 'ModelNotFoundError';
  }
}

export class NoSuchNameError extends SaleError {
  constructor(kind: string, name: string, valid: readonly string[]) {
    super(`unknown ${kind} '${name}'`, { fix: `use one of: ${valid.join(', ')}` });
    this.name = 'NoSuchNameError';
  }
}

export class SandboxError extends SaleError {
  constructor(message: string, options: { fix?: string; cause?: unknown } = {}) {
    super(message, options);
    this.name = 'SandboxError';
  }
}

/** Refusal to resume or compare runs whose fingerprints differ. */
export class FingerprintMismatchError extends SaleError {
  readonly fields: string[];
  constructor(fields: string[], context: string) {
    super(`${context}: run fingerprints differ in ${fields.join(', ')}`, {
      fix: 'start a new run directory (--out) or restore the original configuration',
    });
    this.name = 'FingerprintMismatchError';
    this.fields = fields;
  }
}

/** Raised by commands to end with a given exit code after printing their own output. */
export class ExitError extends SaleError {
  readonly code: number;
  constructor(code: number, message = '') {
    super(message);
    this.name = 'ExitError';
    this.code = code;
  }
}
