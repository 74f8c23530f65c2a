// Jury ablations: single-judge and leave-one-judge-out beside self and peer.
import { describe, expect, it } from 'vitest';
import { activeWeights, judgesOf, normalise } from './features.ts';
import { parseStreamSystem } from './orders.ts';
import { variantsFrom } from './variants.ts';

const A = ['4b', '8b', '14b', '32b'];

describe('jury ablations', () => {
  it('single = each agent judging alone, loo = every agent but one', () => {
    const names = variantsFrom({ jury: 'self,peer,single,loo' }, 'all', A).map((v) => v.name);
    expect(names).toEqual(['sale', 'sale-jury-self', 'sale-jury-peer', ...A.map((a) => `sale-jury-only-${a}`), ...A.map((a) => `sale-jury-without-${a}`)]);
    expect(variantsFrom({ jury: 'without:32b' }, 'all', A).at(-1)!.jury).toBe('without:32b');
    expect(() => variantsFrom({ jury: 'only:70b' }, 'all', A)).toThrow(/70b.*not one of the agents/);
  });

  it('asks only the judges of the mode and fits only their weights', () => {
    expect(judgesOf('only:32b', '4b', A)).toEqual(['32b']);
    expect(judgesOf('without:32b', '4b', A)).toEqual(['4b', '8b', '14b']);
    expect(activeWeights({ entropy: true, jury: 'only:8b' }, A)).toEqual([true, true, false, true, false, false]);
    expect(activeWeights({ entropy: false, jury: 'without:8b' }, A)).toEqual([true, false, true, false, true, true]);
    // A single judge's score fills the others (their weights are 0): V does not depend on judges not asked.
    const f = normalise({ agent: '4b', price: 1, length: 10, entropy: null, jury: { '4b': 5, '8b': 0, '14b': 0, '32b': 2.5 } }, { cost: { min: 0, max: 20 }, entropy: { min: 0, max: 1 } }, { cost: 'price-length', jury: 'only:32b' }, A);
    expect(f.jury).toEqual({ '4b': 0.5, '8b': 0.5, '14b': 0.5, '32b': 0.5 });
  });

  it('stream systems of the new variants parse', () => {
    expect(parseStreamSystem('sale-jury-only-32b@o3')).toEqual({ variant: 'sale-jury-only-32b', order: 3 });
    expect(parseStreamSystem('sale-jury-without-4b@o1')).toEqual({ variant: 'sale-jury-without-4b', order: 1 });
  });
});
