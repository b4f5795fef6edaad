import { describe, expect, it } from 'vitest';
import { parseViewParams, withoutJobDescription, writeViewParams, type ViewLimits, type ViewState } from '../../src/core/viewUrl';

const limits: ViewLimits = {
  dtypesOf: (id) => ({ 'bundled/glove': ['q8'], 'Xenova/bge-small-en-v1.5': ['fp32', 'q8'] })[id] ?? null,
  topOptions: [10, 25, 50, 100],
  minK: 2,
  maxK: 20,
};
const current = { model: 'bundled/glove' };
const view: ViewState = { model: 'Xenova/bge-small-en-v1.5', dtype: 'fp32', ranking: 'bm25', weight: 0.65, top: 50, k: 12, filter: { kind: 'nearest', n: 3 } };

describe('parseViewParams', () => {
  it('reads back what writeViewParams wrote', () => {
    const parsed = parseViewParams(writeViewParams('', view), limits, current);
    expect(parsed).toEqual({ view, jobDescription: null, problems: [] });
  });

  it('reads each filter form', () => {
    expect(parseViewParams('filter=all', limits, current).view.filter).toEqual({ kind: 'all' });
    expect(parseViewParams('filter=cluster', limits, current).view.filter).toEqual({ kind: 'query-cluster' });
    expect(parseViewParams('k=4&filter=nearest-4', limits, current).view.filter).toEqual({ kind: 'nearest', n: 4 });
  });

  it('reports every value it cannot use, and applies none of them', () => {
    const parsed = parseViewParams('model=evil/../x&dtype=fp64&ranking=random&weight=1.5&top=7&k=99&filter=nearest-0', limits, current);
    expect(parsed.view).toEqual({});
    expect(parsed.problems).toHaveLength(7);
    expect(parsed.problems[0]).toMatch(/does not know, "evil\/\.\.\/x"/);
    expect(parsed.problems[1]).toMatch(/precision "fp64", which bundled\/glove does not have \(it has q8\)/);
    expect(parsed.problems.join(' ')).toMatch(/ranking "random"/);
    expect(parsed.problems.join(' ')).toMatch(/fusion weight "1.5" is not a number from 0 to 1/);
    expect(parsed.problems.join(' ')).toMatch(/top "7"/);
    expect(parsed.problems.join(' ')).toMatch(/clusters "99" is not a whole number from 2 to 20/);
    expect(parsed.problems.join(' ')).toMatch(/cluster filter "nearest-0"/);
  });

  it.each(['weight=-0.1', 'weight=NaN', 'weight=0x1', 'weight=1e-1', 'top=25.0', 'k=%2B5', 'k=', 'filter=nearest-3&k=2'])('rejects %s', (search) => {
    expect(parseViewParams(search, limits, current).problems).toHaveLength(1);
  });

  it('checks the dtype against the model the link names', () => {
    expect(parseViewParams('model=Xenova/bge-small-en-v1.5&dtype=fp32', limits, current).view.dtype).toBe('fp32');
    expect(parseViewParams('dtype=fp32', limits, current).problems).toHaveLength(1);
  });

  it('cuts a huge value in the message', () => {
    const [problem] = parseViewParams(`model=${'a'.repeat(5000)}`, limits, current).problems;
    expect(problem.length).toBeLessThan(300);
  });

  it('ignores parameters it does not own, and reads a job description', () => {
    const parsed = parseViewParams('hub=http://127.0.0.1:5190/&threads=2&jd=Nurse%0Anights', limits, current);
    expect(parsed).toEqual({ view: {}, jobDescription: 'Nurse\nnights', problems: [] });
  });
});

describe('writeViewParams', () => {
  it('keeps other parameters and writes the job description only when given', () => {
    const written = new URLSearchParams(writeViewParams('?hub=http%3A%2F%2F127.0.0.1%3A5190%2F&jd=old&model=x', view));
    expect(written.get('hub')).toBe('http://127.0.0.1:5190/');
    expect(written.get('model')).toBe(view.model);
    expect(written.has('jd')).toBe(false);
    expect(new URLSearchParams(writeViewParams('', view, 'Senior nurse')).get('jd')).toBe('Senior nurse');
  });

  it('writes the filter and weight compactly', () => {
    const written = new URLSearchParams(writeViewParams('', { ...view, weight: 0.4000001, filter: { kind: 'query-cluster' } }));
    expect(written.get('weight')).toBe('0.4');
    expect(written.get('filter')).toBe('cluster');
  });
});

describe('withoutJobDescription', () => {
  it('takes only the job description out', () => {
    expect(withoutJobDescription('?model=a&jd=secret')).toBe('?model=a');
    expect(withoutJobDescription('?jd=secret')).toBe('');
  });
});
