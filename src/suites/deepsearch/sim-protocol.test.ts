import { describe, expect, it } from 'vitest';
import type { QaPayload } from '../../tasks/types.ts';
import { scoreAnswer } from './grader.ts';
import { parseSearchHits, simJudgeStep, wrongAnswer } from './sim-protocol.ts';

const qa = (answer: string, aliases: string[] = []): QaPayload => ({ kind: 'qa', answer, aliases, evidence: ['e'] });

describe('SIMULATED deep-search protocol', () => {
  it('reads ids and titles from search results', () => {
    expect(parseSearchHits('Results for "x":\n1. [a-1] Alpha One\n   snippet\n2. [b] Beta\n   …')).toEqual([
      { id: 'a-1', title: 'Alpha One' },
      { id: 'b', title: 'Beta' },
    ]);
  });

  it('wrong answers are plausible and never accepted', () => {
    expect(wrongAnswer(qa('yes'), [], 'k')).toBe('no');
    expect(wrongAnswer(qa('No'), [], 'k')).toBe('yes');
    const n = wrongAnswer(qa('1871'), [], 'k');
    expect(Number(n) - 1871).toBeGreaterThanOrEqual(1);
    expect(Number(n) - 1871).toBeLessThanOrEqual(3);
    const date = wrongAnswer(qa('3 March 1843'), [], 'k');
    expect(scoreAnswer(date, ['3 March 1843']).exactMatch).toBe(false);
    expect(date).toMatch(/March 1843$/);
    // An entity: another title the search showed, not the gold nor an alias.
    const e = wrongAnswer(qa('Port Aldry', ['Aldry']), ['Port Aldry', 'The Port Aldry', 'Dunmere', 'Hollin'], 'k');
    expect(['Dunmere', 'Hollin']).toContain(e);
    expect(wrongAnswer(qa('Port Aldry'), ['Port Aldry'], 'k')).toBe('unknown');
    // Deterministic.
    expect(wrongAnswer(qa('Port Aldry'), ['Dunmere', 'Hollin', 'Calder'], 'seed/8b/t')).toBe(wrongAnswer(qa('Port Aldry'), ['Calder', 'Hollin', 'Dunmere'], 'seed/8b/t'));
  });

  it('the SIMULATED judge reads the proposed answer from the prompt\'s last line', () => {
    const req = (answer: string) =>
      ({
        model: 'm',
        messages: [{ role: 'user', content: `…\nGold answer: "Port Aldry"\nProposed answer: ${answer}` }],
        options: { temperature: 0, numCtx: 1, numPredict: 1, think: false },
        meta: { taskId: 't', agent: '32b', callType: 'judge', turn: 0, seed: 0 },
      }) as const;
    const verdict = (answer: string) => JSON.parse(simJudgeStep(req(answer) as never, qa('Port Aldry')).message.content);
    expect(verdict('port aldry')).toEqual({ match: true, reason: 'SIMULATED judge: exact match' });
    expect(verdict('Dunmere').match).toBe(false);
    expect(verdict('').match).toBe(false);
  });
});
