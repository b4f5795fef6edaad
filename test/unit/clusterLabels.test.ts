import { mulberry32 } from '../../src/core/random';
import { describe, expect, it } from 'vitest';
import { clusterLabels, labelTerms } from '../../src/core/clusterLabels';

describe('labelTerms', () => {
  it('drops stopwords, tokens under 3 characters and bare numbers', () => {
    expect(labelTerms('Led the UI and QA of 3 apps in 2024, using C++ and Go 1.21')).toEqual(['led', 'apps', 'using', 'c++']);
  });

  it('adds adjacent pairs for ngrams = 2', () => {
    expect(labelTerms('product roadmap for discovery', 2)).toEqual([
      'product',
      'roadmap',
      'discovery',
      'product roadmap',
      'roadmap discovery',
    ]);
  });
});

describe('clusterLabels', () => {
  const texts = [
    'Owned the product roadmap and discovery; groomed the backlog. Ten years experience.',
    'Product discovery, roadmap planning, backlog prioritisation. Experience with stakeholders.',
    'Roadmap and backlog for a payments product. Experience leading discovery.',
    'Kubernetes clusters for the product, Terraform modules and CI pipelines. Experience on call.',
    'Terraform, Kubernetes, observability pipelines. Experience with incidents.',
  ];
  const labels = [0, 0, 0, 1, 1];
  const roles = ['Product Manager', 'Product Manager', 'Designer', 'DevOps Engineer', 'DevOps Engineer'];

  it('picks the words distinctive of each cluster, not the ones every cluster shares', () => {
    const [pm, ops] = clusterLabels(texts, labels, 2, roles);
    expect(pm.terms).toHaveLength(3);
    expect(new Set(pm.terms)).toEqual(new Set(['backlog', 'discovery', 'roadmap']));
    expect(new Set(ops.terms)).toEqual(new Set(['kubernetes', 'pipelines', 'terraform']));
    expect([...pm.terms, ...ops.terms]).not.toContain('experience');
  });

  it('reports size, dominant role and a readable label', () => {
    const [pm, ops] = clusterLabels(texts, labels, 2, roles);
    expect(pm).toMatchObject({ cluster: 0, size: 3, dominantRole: 'Product Manager' });
    expect(pm.dominantShare).toBeCloseTo(2 / 3, 12);
    // Equal weights (each term 3 times, only here) fall back to alphabetical order.
    expect(pm.label).toBe('backlog, discovery, roadmap (Product Manager 67%)');
    expect(ops.label).toBe('kubernetes, pipelines, terraform (DevOps Engineer 100%)');
  });

  it('applies log(1 + A / f) with A the average words per cluster', () => {
    // Cluster 0: alpha x2, gamma x3 (5 words). Cluster 1: gamma, delta + 13 unique words (15).
    // A = 20 / 2 = 10. alpha: 2/5 * ln(1 + 10/2) = 0.717; gamma: 3/5 * ln(1 + 10/4) = 0.752.
    const padding = 'echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec';
    const big = clusterLabels(['alpha alpha gamma gamma gamma', `gamma delta ${padding}`], [0, 1], 2, ['x', 'y']);
    expect(big[0].terms.slice(0, 2)).toEqual(['gamma', 'alpha']);
    // Without the padding A = 7 / 2 = 3.5: alpha 0.4 * ln(2.75) = 0.405 beats gamma 0.6 * ln(1.875) = 0.377.
    const small = clusterLabels(['alpha alpha gamma gamma gamma', 'gamma delta'], [0, 1], 2, ['x', 'y']);
    expect(small[0].terms.slice(0, 2)).toEqual(['alpha', 'gamma']);
  });

  it('breaks ties deterministically and handles empty clusters', () => {
    const out = clusterLabels(['zeta beta', 'omega'], [0, 1], 3, ['B', 'A'], { topTerms: 5 });
    expect(out[0].terms).toEqual(['beta', 'zeta']);
    expect(out[2]).toEqual({
      cluster: 2,
      size: 0,
      terms: [],
      dominantRole: '',
      dominantShare: 0,
      label: '(empty cluster)',
    });
    // Role tie within a cluster: alphabetically first wins.
    const tie = clusterLabels(['alpha', 'beta'], [0, 0], 1, ['Zed', 'Abe']);
    expect(tie[0].dominantRole).toBe('Abe');
    expect(tie[0].dominantShare).toBe(0.5);
  });

  it('with bigrams, shows a pair instead of repeating its words', () => {
    const out = clusterLabels(
      ['product roadmap discovery', 'product roadmap backlog', 'kubernetes terraform product'],
      [0, 0, 1],
      2,
      ['Product Manager', 'Product Manager', 'DevOps Engineer'],
      { ngrams: 2 },
    );
    expect(out[0].label).toBe('product roadmap, backlog, discovery (Product Manager 100%)');
  });

  it('names clusters by the same words from a seeded sample of texts per cluster, with sizes and roles over all texts', () => {
    const words = [['kubernetes', 'terraform', 'pipelines'], ['roadmap', 'backlog', 'discovery']];
    const random = mulberry32(11);
    const texts: string[] = [];
    const labels: number[] = [];
    const roles: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const c = i % 3 === 0 ? 1 : 0; // cluster 0: 2,000 texts, cluster 1: 1,000
      const [a, b, d] = words[c];
      // each cluster's words at clearly different rates (always, 60%, 25%), so the top words are no tie a sample could flip
      texts.push(['team work', a, random() < 0.6 ? b : '', random() < 0.25 ? d : ''].join(' '));
      labels.push(c);
      roles.push(c === 0 ? (i % 10 === 1 ? 'SRE' : 'DevOps') : 'PM');
    }
    const all = clusterLabels(texts, labels, 2, roles);
    const sampled = clusterLabels(texts, labels, 2, roles, { maxTextsPerCluster: 200, seed: 5 });
    expect(sampled.map((c) => c.terms)).toEqual(all.map((c) => c.terms));
    expect([all[0].terms[0], all[1].terms[0]]).toEqual(['kubernetes', 'roadmap']);
    expect(sampled.map((c) => [c.size, c.dominantRole, c.dominantShare])).toEqual(all.map((c) => [c.size, c.dominantRole, c.dominantShare]));
    expect(sampled[0].size).toBe(2000);
    expect(() => clusterLabels(texts, labels, 2, roles, { maxTextsPerCluster: 0 })).toThrow(/maxTextsPerCluster/);
  });

  it('rejects mismatched input', () => {
    expect(() => clusterLabels(['a'], [0, 1], 2, ['r'])).toThrow(/2 labels for 1 texts/);
    expect(() => clusterLabels(['a'], [0], 2, [])).toThrow(/0 roles for 1 texts/);
    expect(() => clusterLabels(['a'], [2], 2, ['r'])).toThrow(/label 2 of text 0 is not in \[0, 2\)/);
  });
});
