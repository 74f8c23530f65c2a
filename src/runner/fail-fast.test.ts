import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { DEFAULT_FAIL_FAST, FailFast, parseFailFast, permanentFailure } from './fail-fast.ts';
import type { AttemptRecord } from '../records/records.ts';

const rec = (infra: boolean, kind = 'http-5xx', message = 'busy'): AttemptRecord =>
  ({ status: infra ? 'infra-error' : 'failed', model: 'qwen3:8b', infraError: infra ? { kind, message } : null }) as AttemptRecord;

describe('fail-fast', () => {
  it('defaults: 5 in a row trips, 4 in a row then a success resets', () => {
    const f = new FailFast(DEFAULT_FAIL_FAST);
    for (let i = 0; i < 4; i++) expect(f.observe(rec(true))).toBeUndefined();
    expect(f.observe(rec(false))).toBeUndefined();
    for (let i = 0; i < 4; i++) expect(f.observe(rec(true))).toBeUndefined();
    expect(f.observe(rec(true))?.why).toMatch(/^5 infrastructure errors in a row/);
  });

  it('defaults: more than 20 % of the last 50 trips once 50 have finished, scattered errors included', () => {
    const f = new FailFast(DEFAULT_FAIL_FAST);
    // Every 4th attempt fails (25 %), never 5 in a row.
    const verdicts = Array.from({ length: 50 }, (_, i) => f.observe(rec(i % 4 === 3)));
    expect(verdicts.slice(0, 49).every((v) => v === undefined)).toBe(true);
    expect(verdicts[49]?.why).toMatch(/^12 of the last 50 attempts were infrastructure errors \(more than 20 %\)/);
    const ok = new FailFast(DEFAULT_FAIL_FAST);
    // 10 % never trips.
    expect(Array.from({ length: 200 }, (_, i) => ok.observe(rec(i % 10 === 0))).every((v) => v === undefined)).toBe(true);
  });

  it('stops at once on a missing model or a request the model can never serve', () => {
    const f = new FailFast(DEFAULT_FAIL_FAST);
    expect(f.observe(rec(true, 'model-not-found', "model 'qwen3:8b' is not installed"))).toEqual({ why: "model 'qwen3:8b' is not installed", fix: 'ollama pull qwen3:8b' });
    expect(permanentFailure(rec(true, 'http-4xx', 'registry.ollama.ai/library/x does not support tools'))?.fix).toMatch(/supports/);
    expect(permanentFailure(rec(true, 'http-4xx', 'bad request'))).toBeUndefined();
  });

  it('--fail-fast parses N,RATE,WINDOW and off; anything else is a one-line configuration error', () => {
    expect(parseFailFast(undefined)).toEqual(DEFAULT_FAIL_FAST);
    expect(parseFailFast('off')).toBeNull();
    expect(parseFailFast('3,0.1,20')).toEqual({ consecutive: 3, rate: 0.1, window: 20 });
    for (const bad of ['3', '0,0.1,20', '3,2,20', '3,0.1,x']) {
      expect(() => parseFailFast(bad)).toThrow(ConfigError);
    }
  });
});
