// What every attempt of one client shares to enforce its limits cheaply: one timer for all attempts
// (the watchdog) and a pool of abort controllers that never fired.
//
// Why: a chat call is ~1 ms against a local engine, and per call a timer (setTimeout + clearTimeout:
// a Timeout object and two priority-queue operations) and an AbortController (in Node 20 a
// transferable EventTarget, one of the dearest objects to build) were most of what our provider added
// over the raw official client. Semantics are unchanged: every deadline is still checked by a timer that
// wakes no later than the deadline (within the timer's ~1 ms granularity), and a request is still
// aborted on the wire through a signal that belongs to its attempt alone while the attempt runs.

/** One attempt as the watchdog sees it. */
export interface Watched {
  /** The earliest time (performance.now()) at which this attempt needs a look, seen at `now`. */
  nextWake(now: number): number;
  /** Abort the attempt if one of its deadlines passed; true when it did (the watchdog then drops it). */
  expire(now: number): boolean;
}

/**
 * One timer for every running attempt of a client. It wakes at the nearest `nextWake` of the attempts
 * it holds, lets each expire or not, and re-arms. An attempt added with an earlier need re-arms it; an
 * attempt leaving never touches it (a wake-up with nothing due just re-arms, or stops when no attempt
 * is left). While no attempt runs the timer is unref'd, so an idle client never keeps a process alive.
 *
 * Correctness of "no later than the deadline": every attempt's `nextWake` before its first chunk is at
 * most `now + stallMs`, so the armed wake-up is never later than any stall deadline a chunk arriving
 * after `now` can set (it is at least that chunk's time + stallMs); after that, deadlines only move
 * later, and each wake-up recomputes them.
 */
export class Watchdog {
  private readonly active = new Set<Watched>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  private readonly tick = (): void => this.fire();

  add(w: Watched, now: number): void {
    this.active.add(w);
    const next = w.nextWake(now);
    if (this.timer === undefined) {
      this.arm(next, now);
      return;
    }
    if (this.active.size === 1) this.timer.ref();
    if (next < this.wakeAt) {
      clearTimeout(this.timer);
      this.arm(next, now);
    }
  }

  delete(w: Watched): void {
    if (this.active.delete(w) && this.active.size === 0 && this.timer !== undefined) this.timer.unref();
  }

  /** Attempts being watched (tests). */
  get size(): number {
    return this.active.size;
  }

  private arm(at: number, now: number): void {
    this.wakeAt = at;
    // At least 1 ms: the timer runs on the event loop's clock, which can be a little behind
    // performance.now(), so a wake-up can come just before a deadline; it then re-arms for the rest.
    this.timer = setTimeout(this.tick, Math.max(1, Math.ceil(at - now)));
  }

  private fire(): void {
    this.timer = undefined;
    this.wakeAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const w of this.active) {
      if (w.expire(now)) this.active.delete(w);
      else next = Math.min(next, w.nextWake(now));
    }
    if (next !== Number.POSITIVE_INFINITY) this.arm(next, now);
  }
}

/** Uses of one pooled controller before it is retired (see ControllerPool). */
export const CONTROLLER_USES = 32;

/**
 * Abort controllers whose signal never fired, handed from one finished attempt to the next. An attempt
 * that ends in failure aborts its controller and never returns it; one that succeeded read its reply to
 * the end, so nothing of its request is left for a later abort to touch. Each fetch adds an abort
 * listener to the signal that undici removes only when the request is garbage-collected, so a
 * controller is retired after CONTROLLER_USES uses: the listener list stays short and far below
 * undici's own limit (it raises the signal's max listeners to 1,500).
 */
export interface PooledController {
  readonly controller: AbortController;
  uses: number;
}

export class ControllerPool {
  private readonly free: PooledController[] = [];

  take(): PooledController {
    return this.free.pop() ?? { controller: new AbortController(), uses: 0 };
  }

  give(pooled: PooledController): void {
    if (pooled.controller.signal.aborted || ++pooled.uses >= CONTROLLER_USES) return;
    this.free.push(pooled);
  }

  /** Controllers ready for reuse (tests). */
  get idle(): number {
    return this.free.length;
  }
}
