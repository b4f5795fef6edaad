import { describe, expect, it } from 'vitest';
import { closestSentences, splitSentences } from '../../src/core/sentences';
import { profileFields } from '../../src/data/profileText';
import { fixtureProfiles } from '../helpers/fixtures';

describe('splitSentences', () => {
  it('cuts fields at sentence ends, keeps abbreviations and dotted names whole', () => {
    expect(
      splitSentences(['Hi, I am Ana, a product manager. I run discovery with customers!  Shipped v2.0 of the app, e.g. the payments flow.']),
    ).toEqual(['Hi, I am Ana, a product manager.', 'I run discovery with customers!', 'Shipped v2.0 of the app, e.g. the payments flow.']);
  });

  it('treats each field and each line as its own piece, collapsing whitespace', () => {
    expect(splitSentences(['Led the   roadmap review\nfor three teams', 'Maintained the Jira board daily'])).toEqual([
      'Led the roadmap review',
      'for three teams',
      'Maintained the Jira board daily',
    ]);
  });

  it('drops pieces under three words and repeats (case-insensitive), keeping first-seen order', () => {
    expect(splitSentences(['Agile. Scrum master for two teams.', 'scrum master for two teams.', 'Hi!', ' '])).toEqual(['Scrum master for two teams.']);
  });

  it('splits a real profile into its bullets and summary sentences', () => {
    const p = fixtureProfiles[0];
    const sentences = splitSentences(profileFields(p));
    for (const bullet of p.experience.flatMap((e) => e.bullets)) {
      if (bullet.split(' ').length >= 3) expect(sentences).toContain(bullet);
    }
    expect(sentences.length).toBeGreaterThan(p.experience.length);
  });
});

describe('closestSentences', () => {
  // unit vectors in 2-D; the query points along x
  const sentences = ['along x', 'diagonal', 'along y', 'unknown words'];
  const s = Math.SQRT1_2;
  const vectors = { vectors: Float32Array.from([1, 0, s, s, 0, 1, 0, 0]), dim: 2 };

  it('returns the n closest by cosine, best first, with their scores', () => {
    const best = closestSentences(sentences, vectors, [1, 0], 2);
    expect(best.map((b) => b.text)).toEqual(['along x', 'diagonal']);
    expect(best[0].score).toBeCloseTo(1);
    expect(best[1].score).toBeCloseTo(s);
  });

  it('keeps only sentences with a positive cosine, even when fewer remain than asked', () => {
    const all = closestSentences(sentences, vectors, [s, s], 5);
    expect(all.map((b) => b.text)).toEqual(['diagonal', 'along x', 'along y']);
    expect(all.map((b) => b.score)).toEqual([1, s, s].map((x) => expect.closeTo(x, 5)));
    // along x scores 0, along y -1, and the zero vector is close to nothing
    expect(closestSentences(sentences, vectors, [0, -1], 5).map((b) => b.text)).toEqual([]);
    expect(closestSentences(sentences, vectors, [-s, s], 5).map((b) => b.text)).toEqual(['along y']);
  });

  it('handles a profile with no sentences, and refuses mismatched inputs', () => {
    expect(closestSentences([], { vectors: new Float32Array(0), dim: 2 }, [1, 0], 3)).toEqual([]);
    expect(() => closestSentences(['a b c'], { vectors: new Float32Array(4), dim: 2 }, [1, 0], 3)).toThrow(/2 vectors for 1 sentences/);
    expect(() => closestSentences(['a b c'], { vectors: Float32Array.from([1, 0]), dim: 2 }, [1, 0, 0], 3)).toThrow(/dimensions/);
  });
});
