// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MappingStep } from '../../src/ui/import/MappingStep';
import { resetAppStore, useAppStore } from '../../src/store/appStore';
import type { ParseResult } from '../../src/import/protocol';

afterEach(() => {
  cleanup();
  resetAppStore();
});

const mapping = { id: 'id', name: 'name', headline: null, label: null, text: ['text'], vectors: null, vectorModel: null };
const parsed: ParseResult = {
  format: 'parquet',
  delimiter: null,
  columns: ['id', 'name', 'text'],
  preview: [['p1', 'Ann', 'Nurse']],
  rowCount: 1_000_000,
  skippedSample: [],
  skippedCount: 0,
  notices: [],
  guess: mapping,
  vectorColumns: [],
  metadata: {},
  ms: 100,
};

describe('the import button while a large file is built', () => {
  it('says how many rows have been read, and only Importing… before the first report', () => {
    const building = { phase: 'building' as const, fileName: 'big.parquet', parsed, mapping, kind: 'profiles' as const, name: 'big', error: null };
    useAppStore.setState({ importState: { ...building, built: { done: 250_000, total: 1_000_000 } } });
    const { rerender } = render(<MappingStep />);
    expect(screen.getByTestId('import-confirm')).toHaveTextContent('Importing… 250,000 of 1,000,000 rows read');
    expect(screen.getByTestId('import-confirm')).toBeDisabled();
    useAppStore.setState({ importState: building });
    rerender(<MappingStep />);
    expect(screen.getByTestId('import-confirm')).toHaveTextContent(/^Importing…$/);
  });
});
