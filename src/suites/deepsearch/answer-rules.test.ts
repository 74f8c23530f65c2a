// Fair grading: every false negative and false positive named in issue 16, and HotpotQA's official F1.
import { describe, expect, it } from 'vitest';
import { containsAnswer, questionOptions, scoreAnswer } from './answer-rules.ts';
import { hotpotExactMatch, hotpotF1, hotpotNormalize } from './hotpot-f1.ts';
import { normaliseAnswer, yesNo } from './normalise.ts';

const verdict = (answer: string, gold: string | string[], question = '') => {
  const s = scoreAnswer(answer, Array.isArray(gold) ? gold : [gold], question);
  return s.match ? s.rule : false;
};

describe('units (false negatives fixed)', () => {
  it('reads a number with a unit under any synonym', () => {
    expect(verdict('427 m', '427 metres')).toBe('unit');
    expect(verdict('427 meters', '427 m')).toBe('unit');
    expect(verdict('427m', '427 metres')).toBe('unit');
    expect(verdict('1,754 tons', '1754 tons burthen')).toBe('unit');
    expect(verdict('1754 tons burthen', '1,754 tons')).toBe('unit');
    expect(verdict('1,401 ft', '427 metres')).toBe('unit');
    expect(verdict('427', '427 metres')).toBe('unit');
    expect(verdict('12 per cent', '12%')).toBe('unit');
  });
  it('does not accept another quantity (false positives)', () => {
    expect(verdict('428 m', '427 metres')).toBe(false);
    expect(verdict('427 ft', '427 metres')).toBe(false);
    expect(verdict('427 kg', '427 metres')).toBe(false);
    expect(verdict('1754 tonnes', '1754 tons burthen')).toBe(false); // tons and tonnes are not converted
    expect(verdict('between 400 and 427 m', '427 metres')).toBe(false);
  });
});

describe('extra words and containment', () => {
  it('accepts the gold inside a short answer with no rival', () => {
    expect(verdict('64 years old', '64')).toBe('containment');
    expect(verdict('Captain Bosek', 'Bosek')).toBe('containment');
    expect(verdict('the city of Port Aldry', 'Port Aldry')).toBe('containment');
  });
  it('refuses a hedge, a negation, a rival option, another number or a long text', () => {
    expect(verdict('Port Aldry or Dunmere', 'Port Aldry')).toBe(false);
    expect(verdict('not Port Aldry', 'Port Aldry')).toBe(false);
    expect(verdict("It doesn't lie in Port Aldry", 'Port Aldry')).toBe(false);
    expect(verdict('64 or 65', '64')).toBe(false);
    expect(verdict('64 years old in 1990', '64')).toBe(false);
    const q = 'Which inn is older, the Lakeview Inn or the Dunmere Inn?';
    expect(verdict('Lakeview Inn', 'Lakeview Inn', q)).toBe('exact');
    expect(verdict('The Lakeview Inn is older than the Dunmere Inn', 'Lakeview Inn', q)).toBe(false);
    expect(verdict('Lakeview Inn, which opened in 1820, is far older than every other inn in the whole county', 'Lakeview Inn')).toBe(false);
    // Shorter than the gold is not containment: "Aldry" for "Port Aldry" earns partial F1 only…
    expect(verdict('Aldry', 'Port Aldry')).toBe(false);
    // "X of GOLD" names X (a document, a person), unless X only says what the gold is.
    expect(verdict('Minutes of the Danel Bank, December 1839', 'Danel Bank', 'Which was founded earlier, the Danel Bank or the Tiror Bank?')).toBe(false);
    expect(verdict('President of Port Aldry', 'Port Aldry')).toBe(false);
    // …unless the words left out are the question's own, and no rival option holds the answer.
    const more = 'How many more singles titles did Kim Warwick win than Jorge Lozano?';
    expect(verdict('3', 'three singles titles', more)).toBe('containment');
    expect(verdict('three', 'three singles titles', more)).toBe('containment');
    expect(verdict('singles titles', 'three singles titles', more)).toBe(false);
    expect(verdict('4', 'three singles titles', more)).toBe(false);
    const canal = 'Which canal began operating first, the Carondelet Canal or the Miami and Erie Canal?';
    expect(verdict('Carondelet', 'Carondelet Canal', canal)).toBe('containment');
    expect(verdict('Canal', 'Carondelet Canal', canal)).toBe(false);
    expect(verdict('Lake', 'Lake Quenmere', 'Which is deeper, Lake Quenmere or Lake Dorrow?')).toBe(false);
  });
  it('finds the options a comparison question names', () => {
    expect(questionOptions('Which film was released more recently, Make Mine Music or Old Dogs?')).toEqual(['Old Dogs', 'Make Mine Music']);
    expect(questionOptions('Which musician, Ciaran Gribbin or Brett Scallions, is a member of the band?')).toEqual(['Brett Scallions', 'Ciaran Gribbin']);
    expect(questionOptions('Which is longest: the Arno, the Tiber, or the Po?')).toEqual(['the Po', 'the Tiber', 'the Arno']);
    expect(questionOptions('Where was Orrin Castelbrook born?')).toEqual([]);
  });
});

describe('a wrong comparison option earns no credit', () => {
  const q = 'Which is deeper, Lake Quenmere or Lake Dorrow?';
  it('gets F1 0 (the official script gives 0.5)', () => {
    const s = scoreAnswer('Lake Dorrow', ['Lake Quenmere'], q);
    expect(s.match).toBe(false);
    expect(s.f1).toBe(0);
    expect(s.officialF1).toBeCloseTo(0.5, 10);
    expect(scoreAnswer('Lake Quenmere', ['Lake Quenmere'], q).f1).toBe(1);
    // Without the question, shared words keep their partial credit.
    expect(scoreAnswer('Lake Dorrow', ['Lake Quenmere']).f1).toBeCloseTo(0.5, 10);
  });
});

describe('dates', () => {
  it('splits day, month and year so a year is found in a full date', () => {
    expect(normaliseAnswer('December 10, 1962')).toBe('10 december 1962');
    expect(normaliseAnswer('1962-12-10')).toBe('10 december 1962');
    expect(verdict('December 10, 1962', '1962')).toBe('date');
    expect(verdict('born on 10 December 1962', '1962')).toBe('date');
    expect(verdict('10 December 1962', 'December 10, 1962')).toBe('date');
    expect(verdict('December 1962', '1962')).toBe('date');
    expect(containsAnswer('She was born on December 10, 1962, in Ohio.', ['1962'])).toBe(true);
  });
  it('gives a year F1 0.5 against a full date, as the official script does, and does not pass it', () => {
    const s = scoreAnswer('1962', ['December 10, 1962']);
    expect(s.match).toBe(false);
    expect(s.f1).toBeCloseTo(0.5, 10);
    expect(s.officialF1).toBeCloseTo(0.5, 10);
  });
  it('refuses another date or a different day', () => {
    expect(verdict('11 December 1962', 'December 10, 1962')).toBe(false);
    expect(verdict('December 10, 1963', '1962')).toBe(false);
    expect(verdict('1962 or 1963', '1962')).toBe(false);
  });
});

describe('strict yes/no', () => {
  it('reads explicit answers and negations', () => {
    expect(yesNo('Yes.')).toBe('yes');
    expect(yesNo('yes, both are lakes')).toBe('yes');
    expect(yesNo('No, they are not')).toBe('no');
    expect(yesNo('It was not')).toBe('no');
    expect(yesNo("They aren't")).toBe('no');
    expect(yesNo('Neither of them')).toBe('no');
    expect(yesNo('None of them are American')).toBe('no');
    expect(yesNo('None')).toBeNull();
    expect(verdict('It was not', 'no')).toBe('yes/no');
    expect(verdict('Yes', 'yes')).toBe('yes/no');
    expect(verdict('True', 'yes')).toBe('yes/no');
  });
  it('never counts abstentions, hedges or bare statements (false positives fixed)', () => {
    for (const a of ['N/A', 'n/a', 'unknown', 'No information found', 'No information was found in the documents', 'Not found', 'cannot be determined', "I don't know", 'Yes and no', 'yes or no', 'Both are American', 'Lake Quenmere']) {
      expect(yesNo(a), a).toBeNull();
      expect(verdict(a, 'no'), a).toBe(false);
      expect(verdict(a, 'yes'), a).toBe(false);
    }
    expect(verdict('No.', 'yes')).toBe(false);
    expect(verdict('yes', 'Port Aldry')).toBe(false);
  });
});

describe("HotpotQA's official F1 (hotpot_evaluate_v1.py)", () => {
  it('normalises as normalize_answer does', () => {
    expect(hotpotNormalize('The  Hollin-Marsh, Treaty!')).toBe('hollinmarsh treaty');
    expect(hotpotNormalize('An apple a day')).toBe('apple day');
    expect(hotpotNormalize('Theodora')).toBe('theodora');
    expect(hotpotExactMatch('"Old Dogs"', 'old dogs')).toBe(true);
  });
  it('scores as f1_score does, with the yes/no/noanswer special case', () => {
    expect(hotpotF1('1962', 'December 10, 1962')).toBeCloseTo(0.5, 10);
    expect(hotpotF1('yes', 'no')).toBe(0);
    expect(hotpotF1('yes', 'yes')).toBe(1);
    expect(hotpotF1('noanswer', 'Carondelet Canal')).toBe(0);
    expect(hotpotF1('yes it is', 'yes')).toBe(0); // the gold is yes, the prediction is not exactly yes
    expect(hotpotF1('the Carondelet Canal', 'Carondelet Canal')).toBe(1);
    expect(hotpotF1('Canal', 'Carondelet Canal')).toBeCloseTo(2 / 3, 10);
    expect(hotpotF1('Brett Scallions', 'Brett Allen Scallions')).toBeCloseTo(0.8, 10);
  });
  it("equals the grader's F1 on HotpotQA-style answers (names, years, dates)", () => {
    const pairs: [string, string][] = [
      ['Brett Scallions', 'Brett Allen Scallions'],
      ['1962', 'December 10, 1962'],
      ['Carondelet', 'Carondelet Canal'],
      ['the Wild', 'The Country Bears'],
      ['screenwriter and director', 'screenwriter'],
      ['El Paso International Airport', 'El Paso International Airport'],
    ];
    for (const [p, g] of pairs) expect(scoreAnswer(p, [g]).f1, `${p} / ${g}`).toBeCloseTo(hotpotF1(p, g), 10);
  });
});
