// One attempt at a call to Ollama, and the retry loop around attempts.
//
// The official client neither takes a signal for chat() nor for list/show/embed/version, but it takes a
// custom `fetch`: ours carries the attempt's own AbortSignal, so a stall (no chunk for stallMs), no
// first chunk within firstChunkMs, the per-attempt timeout and the caller's signal all abort the
// request on the wire. chat (the hot path) shares one official client per provider whose fetch hands
// each request to the attempt that started it (`AttemptDispatch`); the cold calls (list, show, embed,
// version) build a client per attempt.
//
// Failures become ApiCallError with a kind (errors.ts); connection, 5xx, stall, timeout and stream errors
// are retried with deterministic exponential backoff (backoffMs, 2·backoffMs, 4·backoffMs …).
import { Ollama, type AbortableAsyncIterator, type ChatRequest, type ChatResponse } from 'ollama';
import { ApiCallError } from '../../errors.ts';
import { AttemptAbort, classify, jsonErrors, userAbortError, type CallContext } from './errors.ts';
import { ControllerPool, Watchdog, type PooledController, type Watched } from './watchdog.ts';

/** No-data limits of a streamed call (chat): none for list/show/embed/version. */
export interface StreamWatch {
  /** Abort when the first chunk has not come this long after the attempt started. */
  firstChunkMs: number;
  /** Abort when no chunk has come for this long once the stream has started. */
  stallMs: number;
}

/** What every attempt of one client shares. */
export interface AttemptSettings {
  host: string;
  fetch: typeof fetch;
  backoffMs: number;
  /** One timer for every running attempt (watchdog.ts). */
  watchdog: Watchdog;
  /** Abort controllers that never fired, reused across attempts (watchdog.ts). */
  controllers: ControllerPool;
}

/** Settings shared by every attempt of one client. */
export function attemptSettings(host: string, baseFetch: typeof fetch, backoffMs: number): AttemptSettings {
  return { host, fetch: baseFetch, backoffMs, watchdog: new Watchdog(), controllers: new ControllerPool() };
}

/**
 * One attempt: its abort controller (taken from the client's pool, its own while it runs), its
 * deadlines, and a fetch bound to its signal.
 *
 * The deadlines are checked by the client's one watchdog timer (watchdog.ts): a chunk only records the
 * time it came (no timer call per token), and when the watchdog wakes, the attempt aborts if the
 * overall deadline passed, the first chunk is late, or the last chunk is more than stallMs old; else it
 * names its next deadline. Before the first chunk that is at most stallMs away, so that once the stream
 * starts the pending wake-up is never later than the stall deadline: every limit is enforced as exactly
 * as with one timer per limit re-armed on every chunk (the first design), within ~1 ms.
 */
export class Attempt implements Watched {
  /** Set by `chunk()`: a network error after the stream started is a stream error, not a connection error. */
  streamStarted = false;
  private readonly pooled: PooledController;
  private readonly controller: AbortController;
  private readonly startedAt = performance.now();
  /** When the last chunk came (performance.now()); -1 before the first one. */
  private lastChunkAt = -1;
  private ended = false;
  private readonly onUserAbort: (() => void) | undefined;

  constructor(
    private readonly ctx: CallContext,
    private readonly settings: AttemptSettings,
    private readonly watch: StreamWatch | undefined,
  ) {
    this.pooled = settings.controllers.take();
    this.controller = this.pooled.controller;
    const user = ctx.userSignal;
    if (user) {
      this.onUserAbort = () => this.controller.abort(user.reason);
      user.addEventListener('abort', this.onUserAbort, { once: true });
    }
    settings.watchdog.add(this, this.startedAt);
  }

  /** fetch for a per-attempt official client (list, show, embed, version): our signal, quiet error bodies. */
  get fetch(): typeof fetch {
    return (input, init) => this.send(input, init);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** A chunk of the reply arrived. */
  chunk(): void {
    this.streamStarted = true;
    this.lastChunkAt = performance.now();
  }

  /** Leave the watchdog and the caller's signal; after a failure, drop what is left of the request. */
  end(succeeded: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.settings.watchdog.delete(this);
    if (this.onUserAbort) this.ctx.userSignal?.removeEventListener('abort', this.onUserAbort);
    // After a failure, drop whatever is left of the connection (a stream abandoned after an error
    // line, say); that controller is spent. A success has read its body up to the done chunk, so there
    // is nothing to drop, and its controller (never fired) serves a later attempt.
    if (succeeded) this.settings.controllers.give(this.pooled);
    else if (!this.controller.signal.aborted) this.controller.abort(new AttemptAbort('done', 0));
  }

  /** The attempt failed with `err`: the error to report (or retry), and the attempt ended. */
  fail(err: unknown): Error {
    const error = classify(err, this.ctx, this.controller.signal, this.streamStarted);
    this.end(false);
    return error;
  }

  /** Send the official client's request with our signal in place of its own. */
  send(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    // The official client passes a per-request signal of its own, which only its abort() methods
    // (AbortableAsyncIterator.abort, Ollama.abort) ever fire, and we call neither: ours replaces it.
    // `init` is the options object the client built for this one request, so it is set in place.
    const options = init ?? {};
    options.signal = this.controller.signal;
    return this.settings.fetch(input, options).then(quietErrors);
  }

  /** The nearest deadline as seen at `now` (Watched). */
  nextWake(now: number): number {
    let next = this.startedAt + this.ctx.timeoutMs;
    const w = this.watch;
    if (w) {
      if (this.lastChunkAt < 0) next = Math.min(next, this.startedAt + w.firstChunkMs, now + w.stallMs);
      else next = Math.min(next, this.lastChunkAt + w.stallMs);
    }
    return next;
  }

  /** Abort when a deadline passed (Watched); the watchdog then forgets the attempt. */
  expire(now: number): boolean {
    if (this.ended || this.controller.signal.aborted) return true;
    if (now >= this.startedAt + this.ctx.timeoutMs) {
      this.controller.abort(new AttemptAbort('timeout', this.ctx.timeoutMs));
      return true;
    }
    const w = this.watch;
    if (w) {
      if (this.lastChunkAt < 0) {
        if (now >= this.startedAt + w.firstChunkMs) {
          this.controller.abort(new AttemptAbort('first-chunk', w.firstChunkMs));
          return true;
        }
      } else if (now >= this.lastChunkAt + w.stallMs) {
        this.controller.abort(new AttemptAbort('stall', w.stallMs));
        return true;
      }
    }
    return false;
  }
}

/** jsonErrors for error responses only (an ok response passes as it is). */
function quietErrors(response: Response): Response | Promise<Response> {
  return response.ok ? response : jsonErrors(response);
}

/** The work of one attempt, given the attempt's official client. */
export type AttemptOp<T> = (ollama: Ollama, attempt: Attempt) => Promise<T>;

/** The official client for one attempt: it fetches through the attempt's signal. */
export function attemptClient(settings: AttemptSettings, attempt: Attempt): Ollama {
  return new Ollama({ host: settings.host, fetch: attempt.fetch });
}

/**
 * One official client shared by every chat attempt of a provider (a client per attempt cost a
 * constructor, a host parse and a closure per call). Its fetch hands the request to the attempt that
 * is starting it: the official client calls fetch synchronously inside chat() (no await comes before
 * it for a request without images), so `chat` marks the attempt, calls the client and unmarks it. A
 * fetch outside that window would lose the attempt's signal, so it fails loudly instead.
 */
export class AttemptDispatch {
  readonly ollama: Ollama;
  private starting: Attempt | undefined;

  constructor(host: string) {
    this.ollama = new Ollama({ host, fetch: (input, init) => this.route(input, init) });
  }

  /** Start a streamed chat through `attempt`. */
  chat(attempt: Attempt, body: ChatRequest & { stream: true }): Promise<AbortableAsyncIterator<ChatResponse>> {
    this.starting = attempt;
    try {
      return this.ollama.chat(body);
    } finally {
      this.starting = undefined;
    }
  }

  /** Drop a stream that ended without done:true from the client's list of ongoing streams. */
  forget(stream: object): void {
    const ongoing = (this.ollama as unknown as { ongoingStreamedRequests?: object[] }).ongoingStreamedRequests;
    const i = ongoing?.indexOf(stream) ?? -1;
    if (i >= 0) ongoing!.splice(i, 1);
  }

  private route(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const attempt = this.starting;
    this.starting = undefined;
    if (!attempt) return Promise.reject(new Error('internal: the ollama client fetched outside an attempt (its chat() no longer calls fetch synchronously?)'));
    return attempt.send(input, init);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * After attempt number `attempts` failed with `error` (already classified): throw the error to report
 * when it is not retryable or retries are used up, else wait the backoff before the next attempt.
 */
export async function afterFailure(settings: AttemptSettings, ctx: CallContext, error: Error, attempts: number): Promise<void> {
  const retryable = error instanceof ApiCallError && error.isRetryable;
  if (!retryable || attempts > ctx.retries) {
    if (error instanceof ApiCallError && attempts > 1) {
      throw new ApiCallError(`${error.message} (gave up after ${attempts} attempts)`, {
        kind: error.kind,
        status: error.status,
        url: error.url,
        isRetryable: error.isRetryable,
        fix: error.fix,
        cause: error,
      });
    }
    throw error;
  }
  await sleep(settings.backoffMs * 2 ** (attempts - 1), ctx.userSignal).catch(() => {
    throw userAbortError(ctx.userSignal!);
  });
}

/**
 * Run `op` once per attempt until it succeeds, fails for good, or retries run out. (chat writes this
 * loop out itself, see client.ts.)
 */
export async function withRetries<T>(settings: AttemptSettings, ctx: CallContext, op: AttemptOp<T>): Promise<{ value: T; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    if (ctx.userSignal?.aborted) throw userAbortError(ctx.userSignal);
    const attempt = new Attempt(ctx, settings, undefined);
    let error: Error;
    try {
      const value = await op(attemptClient(settings, attempt), attempt);
      attempt.end(true);
      return { value, attempts };
    } catch (err) {
      error = attempt.fail(err);
    }
    await afterFailure(settings, ctx, error, attempts);
  }
}
