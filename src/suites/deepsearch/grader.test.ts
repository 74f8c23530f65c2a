import { describe, expect, it } from 'vitest';
import type { Task } from '../../tasks/types.ts';
import { containsAnswer, evidenceRecall, gradeDeepsearch, scoreAnswer } from './grader.ts';
import type { AnswerJudge, JudgeVerdict } from './judge.ts';
import { parseVerdict } from './judge.ts';
import { normaliseAnswer, yesNo } from './normalise.ts';

const em = (answer: string, ...gold: string[]) => scoreAnswer(answer, gold).match;

describe('answer normalisation', () => {
  it('lower-cases, strips punctuation, articles and extra whitespace', () => {
    expect(normaliseAnswer('  The   Treaty of Hollin-Marsh! ')).toBe('treaty of hollin marsh');
    expect(normaliseAnswer('An Apple, a Pear')).toBe('apple pear');
    expect(em('the Port Aldry.', 'Port Aldry')).toBe(true);
    expect(em('"Port Aldry"', 'port aldry')).toBe(true);
    // Articles only as whole words: "Anne" and "Theo" keep their letters.
    expect(normaliseAnswer('Anne Theodora')).toBe('anne theodora');
  });

  it('folds diacritics and apostrophes', () => {
    expect(em('Zoë Brontë', 'Zoe Bronte')).toBe(true);
    expect(em('O’Neil', "O'Neil")).toBe(true);
    expect(em('Oneil', "O'Neil")).toBe(true);
  });

  it('treats numbers written as words and as digits alike', () => {
    expect(normaliseAnswer('twenty-one')).toBe('21');
    expect(normaliseAnswer('one hundred and five')).toBe('105');
    expect(normaliseAnswer('two thousand and three')).toBe('2003');
    expect(normaliseAnswer('three hundred')).toBe('300');
    expect(normaliseAnswer('a hundred')).toBe('100');
    expect(normaliseAnswer('zero')).toBe('0');
    expect(normaliseAnswer('forty-two thousand five hundred')).toBe('42500');
    expect(em('twelve', '12')).toBe(true);
    expect(em('1,000', 'one thousand')).toBe(true);
    expect(em('5 million', '5,000,000')).toBe(true);
    expect(em('160 years', '160 years')).toBe(true);
    expect(em('one hundred sixty years', '160 years')).toBe(true);
    expect(em('3.50', '3.5')).toBe(true);
    expect(em('007', '7')).toBe(true);
    expect(em('3rd', 'third')).toBe(false); // ordinal words are not numbers
    expect(em('3rd', '3')).toBe(true);
    // Not one number: a year read aloud is split where a new number starts.
    expect(normaliseAnswer('nineteen eighty-four')).toBe('19 84');
    expect(em('13', '12')).toBe(false);
    expect(em('twenty', '2')).toBe(false);
  });

  it('normalises dates across the usual forms', () => {
    const forms = ['3 March 1843', 'March 3, 1843', '1843-03-03', '3rd of March, 1843', 'Mar. 3 1843', 'march 3rd 1843', '1843/3/3', 'the 3rd of March 1843'];
    for (const f of forms) expect(normaliseAnswer(f), f).toBe('3 march 1843');
    expect(em('March 3, 1843', '3 March 1843')).toBe(true);
    expect(em('4 March 1843', '3 March 1843')).toBe(false);
    expect(em('3 March 1844', '3 March 1843')).toBe(false);
    expect(normaliseAnswer('March 1843')).toBe('march 1843');
    expect(normaliseAnswer('1843-03')).toBe('march 1843');
    expect(em('3 March', 'March 3')).toBe(true);
    expect(scoreAnswer('born on 3 March 1843', ['3 March 1843']).exactMatch).toBe(false);
    expect(scoreAnswer('born on 3 March 1843', ['3 March 1843']).rule).toBe('date');
    // An impossible day is left alone.
    expect(normaliseAnswer('March 41, 1843')).toBe('march 41 1843');
    // A year alone is a number, not a date.
    expect(normaliseAnswer('1843')).toBe('1843');
  });

  it('reads yes/no variants when the gold is yes or no', () => {
    expect(yesNo('Yes.')).toBe('yes');
    expect(yesNo('yes, both are lakes')).toBe('yes');
    expect(yesNo('Nope')).toBe('no');
    expect(yesNo('Paris')).toBeNull();
    expect(em('Yes, Lake Quenmere is deeper', 'yes')).toBe(true);
    expect(em('true', 'yes')).toBe(true);
    expect(em('No.', 'yes')).toBe(false);
    expect(em('no', 'no')).toBe(true);
    expect(em('Quenmere', 'yes')).toBe(false);
    // A non-yes/no gold is never matched by "yes".
    expect(em('yes', 'Port Aldry')).toBe(false);
  });

  it('matches aliases', () => {
    expect(em('the Hollin Marsh treaty', 'Treaty of Hollin Marsh', 'the Hollin Marsh treaty')).toBe(true);
    expect(scoreAnswer('Hollin Marsh treaty', ['Treaty of Hollin Marsh', 'Hollin Marsh treaty']).closest).toBe('Hollin Marsh treaty');
  });
});

describe('token F1', () => {
  it('is 1 for an exact match, partial for overlap, 0 for none', () => {
    expect(scoreAnswer('Port Aldry', ['port aldry']).f1).toBe(1);
    const partial = scoreAnswer('Aldry', ['Port Aldry']);
    expect(partial.exactMatch).toBe(false);
    expect(partial.f1).toBeCloseTo((2 * 1 * 0.5) / 1.5, 10);
    expect(scoreAnswer('Dunmere', ['Port Aldry']).f1).toBe(0);
    // Counted as multisets: a repeated word counts once per occurrence in the gold.
    expect(scoreAnswer('aldry aldry', ['port aldry']).f1).toBeCloseTo(0.5, 10);
    // Best over the gold and its aliases.
    expect(scoreAnswer('Hollin Marsh', ['Treaty of Hollin Marsh', 'Hollin Marsh treaty']).f1).toBeCloseTo(0.8, 10);
    // Yes/no golds give no partial credit.
    expect(scoreAnswer('no', ['yes']).f1).toBe(0);
  });
});

const task = (over: Partial<Task> = {}): Task => ({
  id: 't/1',
  suite: 't',
  domain: 'deepsearch',
  prompt: 'Where was Orrin Castelbrook born?',
  tau: 0.08,
  tau_source: { kind: 'annotated', rationale: 'test' },
  payload: { kind: 'qa', answer: 'Port Aldry', aliases: ['Aldry'], evidence: ['a', 'b'] },
  bin: 0,
  origin: { file: 'x.jsonl', line: 1 },
  ...over,
});

const openEvent = (docId: string, found = true) => ({
  turn: 1,
  message: { role: 'tool' as const, content: '…', toolName: 'open' },
  details: { docId, found },
});

describe('gradeDeepsearch', () => {
  it('passes on exact match, scores F1, and reads evidence recall from the trace', async () => {
    const run = { trace: [openEvent('a'), openEvent('zzz', false), openEvent('c'), openEvent('a')] };
    const g = await gradeDeepsearch(task(), { kind: 'answer', text: 'port aldry' }, { run });
    expect(g.passed).toBe(true);
    expect(g.score).toBe(1);
    expect(g.details).toMatchObject({ rule: 'exact', exactMatch: true, f1: 1, evidenceRecall: 0.5, opened: ['a', 'c'], passedBy: 'rules' });
    expect(g.reason).toMatch(/: exact match .*evidence 1\/2 opened/);
  });

  it('fails a wrong answer with partial F1 and a reason naming the gold', async () => {
    const g = await gradeDeepsearch(task({ payload: { kind: 'qa', answer: 'Port Aldry', aliases: [], evidence: ['a'] } }), { kind: 'answer', text: 'Port Dunmere' });
    expect(g.passed).toBe(false);
    expect(g.score).toBeCloseTo(0.5, 10);
    expect(g.reason).toContain('expected "Port Aldry"');
    expect(g.details!.evidenceRecall).toBeNull();
  });

  it('names the rule that accepted an answer, and why a containment was refused', async () => {
    const contained = await gradeDeepsearch(task(), { kind: 'answer', text: 'the harbour town of Port Aldry' });
    expect(contained.passed).toBe(true);
    expect(contained.reason).toMatch(/: containment match \("Port Aldry"\)/);
    expect(contained.details).toMatchObject({ rule: 'containment', exactMatch: false });
    const q = task({ prompt: 'Which is deeper, Lake Quenmere or Lake Dorrow?', payload: { kind: 'qa', answer: 'Lake Quenmere', aliases: [], evidence: ['a'] } });
    const both = await gradeDeepsearch(q, { kind: 'answer', text: 'Lake Quenmere, not Lake Dorrow' });
    expect(both.passed).toBe(false);
    expect(both.reason).toMatch(/not accepted: /);
    const rival = await gradeDeepsearch(q, { kind: 'answer', text: 'Lake Dorrow' });
    expect(rival.score).toBe(0);
    expect(rival.details).toMatchObject({ officialF1: 0.5 });
    const unit = await gradeDeepsearch(task({ payload: { kind: 'qa', answer: '427 metres', aliases: [], evidence: ['a'] } }), { kind: 'answer', text: '427 m' });
    expect(unit.passed).toBe(true);
    expect(unit.details!.rule).toBe('unit');
  });

  it('fails a missing answer without asking the judge', async () => {
    let asked = 0;
    const judge: AnswerJudge = { agent: 'j', model: 'm', prompt: { name: 'judge.md', path: '', text: '', sha256: '' }, judge: async () => (asked++, { match: true, reason: '', agent: 'j', model: 'm' }) };
    const g = await gradeDeepsearch(task(), null, { judge, run: { trace: [] } });
    expect(g.passed).toBe(false);
    expect(g.details!.evidenceRecall).toBe(0);
    expect(asked).toBe(0);
  });

  it('lets the judge decide when it gives a verdict, and falls back to the rules when it does not', async () => {
    const judgeSaying = (v: Partial<JudgeVerdict>): AnswerJudge => ({
      agent: 'j',
      model: 'm',
      prompt: { name: 'judge.md', path: '', text: '', sha256: '' },
      judge: async () => ({ match: null, reason: '', agent: 'j', model: 'm', ...v }),
    });
    const lenient = await gradeDeepsearch(task(), { kind: 'answer', text: 'the harbour city of Port Aldry' }, { judge: judgeSaying({ match: true, reason: 'same city' }) });
    expect(lenient.passed).toBe(true);
    expect(lenient.details).toMatchObject({ exactMatch: false, passedBy: 'judge', judge: { match: true, reason: 'same city' } });
    const strict = await gradeDeepsearch(task(), { kind: 'answer', text: 'Port Aldry' }, { judge: judgeSaying({ match: false }) });
    expect(strict.passed).toBe(false);
    expect(strict.details!.exactMatch).toBe(true);
    const broken = await gradeDeepsearch(task(), { kind: 'answer', text: 'Port Aldry' }, { judge: judgeSaying({ match: null, error: 'judge call failed' }) });
    expect(broken.passed).toBe(true);
    expect(broken.details!.passedBy).toBe('rules');
    expect(broken.reason).toMatch(/no verdict/);
  });
});

describe('helpers', () => {
  it('evidence recall is the share of gold ids opened', () => {
    expect(evidenceRecall(['a', 'x'], ['a', 'b'])).toBe(0.5);
    expect(evidenceRecall([], ['a'])).toBe(0);
    expect(evidenceRecall(['b', 'a'], ['a', 'b'])).toBe(1);
  });

  it('containsAnswer finds a normalised answer as whole tokens', () => {
    expect(containsAnswer('He was born on March 3, 1843 in Port Aldry.', ['3 March 1843'])).toBe(true);
    expect(containsAnswer('It sold one hundred and five thousand copies.', ['105000'])).toBe(true);
    expect(containsAnswer('Port Aldryn is elsewhere.', ['Port Aldry'])).toBe(false);
  });

  it('parses judge verdicts, tolerating think blocks and fences', () => {
    expect(parseVerdict('{"match": true, "reason": "same"}')).toEqual({ match: true, reason: 'same' });
    expect(parseVerdict('<think>hmm {"match": true}</think>\n```json\n{"match": false, "reason": "other city"}\n```')).toEqual({ match: false, reason: 'other city' });
    expect(parseVerdict('{"match": "yes"}')).toEqual({ match: true, reason: '' });
    expect(parseVerdict('I think they match.')).toBeNull();
    expect(parseVerdict('{"verdict": 1}')).toBeNull();
  });
});
