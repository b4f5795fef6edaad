// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NumberField } from '../../src/ui/common/NumberField';
import { parseNumber } from '../../src/ui/common/numberRule';
import { CostPanel } from '../../src/ui/compare/CostPanel';
import { KInput } from '../../src/ui/plot/KInput';
import { HOSTED_EMBEDDING_PRICES } from '../../src/data/pricing';
import { resetAppStore } from '../../src/store/appStore';

afterEach(() => {
  cleanup();
  resetAppStore();
});

describe('parseNumber', () => {
  it('takes whole numbers in range, with thousands separators, and nothing else', () => {
    const rule = { min: 1, max: 1000 };
    expect(parseNumber('500', rule)).toBe(500);
    expect(parseNumber(' 1,000 ', rule)).toBe(1000);
    expect(parseNumber('', rule)).toBeNull();
    expect(parseNumber('0', rule)).toBeNull();
    expect(parseNumber('1001', rule)).toBeNull();
    expect(parseNumber('2.5', rule)).toBeNull();
    expect(parseNumber('12a', rule)).toBeNull();
    expect(parseNumber('2.5', { min: 0, integer: false })).toBe(2.5);
  });
});

describe('NumberField', () => {
  function setup(value = 200) {
    const onCommit = vi.fn();
    render(<NumberField label="tokens per text" value={value} min={1} max={1000} onCommit={onCommit} testId="f" />);
    return { onCommit, input: screen.getByTestId('f') as HTMLInputElement };
  }

  it('lets the field be cleared and retyped, and commits only on leaving it', async () => {
    const { onCommit, input } = setup();
    await userEvent.clear(input);
    // empty is not "1": the box stays empty and says what is still used
    expect(input.value).toBe('');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Empty: enter a whole number from 1 to 1,000. Using 200.');
    await userEvent.type(input, '500');
    expect(input.value).toBe('500');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onCommit).not.toHaveBeenCalled();
    await userEvent.tab();
    expect(onCommit).toHaveBeenCalledExactlyOnceWith(500);
  });

  it('commits on Enter', async () => {
    const { onCommit, input } = setup();
    await userEvent.clear(input);
    await userEvent.type(input, '42{Enter}');
    expect(onCommit).toHaveBeenCalledExactlyOnceWith(42);
  });

  it('says at once when a value is invalid, and puts the value in use back on commit', async () => {
    const { onCommit, input } = setup();
    await userEvent.clear(input);
    await userEvent.type(input, '5000');
    expect(screen.getByRole('alert')).toHaveTextContent('“5000” is not allowed: enter a whole number from 1 to 1,000. Using 200.');
    await userEvent.tab();
    expect(onCommit).not.toHaveBeenCalled();
    expect(input.value).toBe('200');
    // the message stays until the next edit, so leaving the field does not hide what happened
    expect(screen.getByRole('alert')).toHaveTextContent('“5000” is not allowed');
    await userEvent.clear(input);
    await userEvent.type(input, '1');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the k box', () => {
  it('says at once that k is invalid, and re-clusters only on commit', async () => {
    const onChange = vi.fn();
    render(<KInput k={10} onChange={onChange} />);
    const input = screen.getByTestId('k-input');
    await userEvent.clear(input);
    await userEvent.type(input, '1');
    expect(screen.getByTestId('k-input-error')).toHaveTextContent('enter a whole number from 2 to 20. Using k = 10.');
    await userEvent.type(input, '2');
    expect(screen.queryByTestId('k-input-error')).toBeNull();
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.keyboard('{Enter}');
    expect(onChange).toHaveBeenCalledExactlyOnceWith(12);
  });
});

describe('cost calculator inputs', () => {
  it('uses the tokens per text as typed after clearing the field: 500, not 1500', async () => {
    render(<CostPanel />);
    const panel = screen.getByTestId('cost-panel');
    const input = within(panel).getByTestId('cost-tokens') as HTMLInputElement;
    await userEvent.clear(input);
    await userEvent.type(input, '500');
    await userEvent.tab();
    expect(input.value).toBe('500');
    expect(screen.getByTestId('cost-basis')).toHaveTextContent('1,000,000 texts of 500 tokens each');
    const small = HOSTED_EMBEDDING_PRICES.find((p) => p.id === 'text-embedding-3-small')!;
    const row = within(panel).getAllByTestId('cost-row').find((r) => r.querySelector('th')?.textContent === small.name)!;
    // 1,000,000 texts x 500 tokens = 500 M tokens at the list price per 1 M
    const expected = `$${(small.usdPer1M * 500).toLocaleString(undefined, { maximumFractionDigits: 2 })}`;
    expect(row.querySelectorAll('td')[0]).toHaveTextContent(expected);
  });
});
