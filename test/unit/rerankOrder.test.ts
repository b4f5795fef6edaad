import { describe, expect, it } from 'vitest';
import { moveLabel, moveOf, rerankOrder } from '../../src/core/rerankOrder';

describe('rerankOrder', () => {
  const candidates = ['a', 'b', 'c', 'd', 'e'];

  it('sorts the re-scored top by score and keeps the rest in first-stage order', () => {
    const out = rerankOrder(candidates, [0.1, 0.9, 0.5], 5);
    expect(out.map((r) => r.hit)).toEqual(['b', 'c', 'a', 'd', 'e']);
    expect(out.map((r) => r.rerankScore)).toEqual([0.9, 0.5, 0.1, null, null]);
    expect(out.map((r) => moveLabel(r.move))).toEqual(['up 1', 'up 1', 'down 2', 'unchanged', 'unchanged']);
  });

  it('calls a profile from below the shown list "new", with where it was', () => {
    // the list showed 2; "d" (4th) jumps to the top
    const out = rerankOrder(candidates, [0.2, 0.3, 0.1, 0.9, 0.4], 2);
    expect(out[0]).toEqual({ hit: 'd', rerankScore: 0.9, move: { kind: 'new', from: 4 } });
    expect(moveLabel(out[0].move)).toBe('new (was 4)');
    // "e" rises from 5 to 2: inside the shown list now, so new too
    expect(out[1].move).toEqual({ kind: 'new', from: 5 });
    // "a" drops from 1 to 5: outside the list now, but it is a move down, not "new"
    expect(out.find((r) => r.hit === 'a')?.move).toEqual({ kind: 'down', by: 3, from: 1 });
  });

  it('keeps first-stage order on ties and puts non-finite scores last among the re-scored', () => {
    const out = rerankOrder(candidates, [0.5, Number.NaN, 0.5, 0.7], 5);
    expect(out.map((r) => r.hit)).toEqual(['d', 'a', 'c', 'b', 'e']);
  });

  it('re-ranks at most the candidates there are, and nothing when there are no scores', () => {
    expect(rerankOrder(['x'], [0.3, 0.9], 1).map((r) => r.hit)).toEqual(['x']);
    expect(rerankOrder(candidates, [], 5).every((r) => r.move.kind === 'same' && r.rerankScore === null)).toBe(true);
  });

  it('names every kind of move in words', () => {
    expect(moveLabel(moveOf(9, 2, 25))).toBe('up 7');
    expect(moveLabel(moveOf(3, 5, 25))).toBe('down 2');
    expect(moveLabel(moveOf(4, 4, 25))).toBe('unchanged');
    expect(moveLabel(moveOf(40, 3, 25))).toBe('new (was 40)');
  });
});
