import { describe, expect, it } from 'vitest';
import { collaboratorSpans, focusQuery } from '../../src/core/queryFocus';

describe('collaboratorSpans', () => {
  it('finds who the hire works with and the shared topic, not the purpose', () => {
    const text = '- Partner with product marketing on launches and positioning\n- Work with engineers and designers to scope, sequence, and ship';
    expect(collaboratorSpans(text).map((s) => s.text)).toEqual(['Partner with product marketing on launches and positioning', 'Work with engineers and designers']);
    expect(focusQuery(text)).toBe('-  \n-   to scope, sequence, and ship');
  });

  it('knows the common verbs and "keep ... informed"', () => {
    const spans = (t: string) => collaboratorSpans(t).map((s) => s.text);
    expect(spans('You will work closely with sales and product.')).toEqual(['work closely with sales and product']);
    expect(spans('Collaborating with data scientists, you build pipelines')).toEqual(['Collaborating with data scientists']);
    expect(spans('Keep sales and support informed about what is coming')).toEqual(['Keep sales and support informed']);
  });

  it('leaves a job description without collaborators as it is', () => {
    const text = 'Senior product manager to own the billing roadmap. Experience working in agile teams.';
    expect(collaboratorSpans(text)).toEqual([]);
    expect(focusQuery(text)).toBe(text);
  });

  it('gives positions that slice the original text', () => {
    const text = 'You will partner with finance on budgets; then report.';
    const [s] = collaboratorSpans(text);
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(s.text).toBe('partner with finance on budgets');
  });
});
