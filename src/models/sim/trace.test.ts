// Simulated execution traces: steps grow with τ, every step re-sends the conversation (input grows with
// the square of the steps), the same law for every size.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { stepCounters, traceSteps } from './sim-client.ts';

const tok = loadConfig().sim.tokens;

describe('SIMULATED execution traces', () => {
  it('stepCounters: step i reads the prompt plus i earlier steps of output + observation', () => {
    // Steps 0, 1, 2 with prompt 100, output 10, observation 40: inputs 100, 150, 200.
    expect(stepCounters(100, 0, 3, 10, 40)).toEqual({ input: 450, output: 30 });
    // Steps 2..3 only: 200 + 250.
    expect(stepCounters(100, 2, 4, 10, 40)).toEqual({ input: 450, output: 20 });
    expect(stepCounters(100, 3, 3, 10, 40)).toEqual({ input: 0, output: 0 });
  });

  it('traces get longer with τ and larger agents do not use fewer steps', () => {
    const mean = (agent: string, tau: number) => {
      let s = 0;
      for (let i = 0; i < 400; i++) s += traceSteps(tok, { id: `t${i}`, tau }, agent, 0);
      return s / 400;
    };
    const easy = mean('32b', 0.05);
    const hard = mean('32b', 27);
    expect(hard).toBeGreaterThan(10 * easy);
    // Mean steps at the representative τ match the documented calibration (configs/sim.yaml) within 10 %.
    expect(Math.abs(hard - 50) / 50).toBeLessThan(0.1);
    expect(Math.abs(mean('4b', 27) - hard) / hard).toBeLessThan(0.1);
    // The last step's context stays under Qwen3's 40,960 at the hardest representative τ.
    expect(hard * (tok.step_output + tok.step_observation.deepsearch!)).toBeLessThan(40960);
  });
});
