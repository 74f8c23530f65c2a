// Test helper: run each function payload's reference and tests with python3 directly (not the
// project's sandbox). Each test runs after the reference and test_setup in a copy of their namespace.
import { execa } from 'execa';
import type { FunctionPayload } from '../../../../tasks/types.ts';

const HARNESS = String.raw`
import json, sys, traceback
results = []
for p in json.load(sys.stdin):
    ns = {'__name__': '__main__'}
    try:
        exec(compile(p['reference'], '<reference>', 'exec'), ns)
        if p.get('test_setup'):
            exec(compile(p['test_setup'], '<test_setup>', 'exec'), ns)
    except BaseException:
        results.append({'error': 'reference: ' + traceback.format_exc(limit=1), 'tests': []})
        continue
    if not callable(ns.get(p['entry_point'])):
        results.append({'error': 'entry point %r not defined' % p['entry_point'], 'tests': []})
        continue
    outcome = []
    for t in p['tests']:
        try:
            exec(compile(t, '<test>', 'exec'), dict(ns))
            outcome.append('pass')
        except BaseException as e:
            outcome.append('fail: %s: %s' % (type(e).__name__, e))
    results.append({'error': None, 'tests': outcome})
print(json.dumps(results))
`;

export interface PayloadOutcome {
  error: string | null;
  tests: string[];
}

export async function runPayloads(payloads: FunctionPayload[]): Promise<PayloadOutcome[]> {
  const { stdout } = await execa('python3', ['-I', '-c', HARNESS], {
    input: JSON.stringify(payloads),
    timeout: 20_000,
  });
  return JSON.parse(stdout) as PayloadOutcome[];
}
