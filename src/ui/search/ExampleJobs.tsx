import { useMemo } from 'react';
import { useAppStore } from '../../store/appStore';
import type { JobDescription } from '../../data/schema';

/** How many examples to offer: enough to show range, few enough to scan. */
const EXAMPLE_COUNT = 6;

/** One example per family first, Product roles first: they are the hardest close pair. */
export function pickExamples(jobs: readonly JobDescription[], count = EXAMPLE_COUNT): JobDescription[] {
  const picked: JobDescription[] = [];
  const families = new Set<string>();
  const byPriority = [...jobs].sort((a, b) => Number(b.family === 'Product') - Number(a.family === 'Product'));
  for (const j of byPriority) {
    if (picked.length >= count) break;
    const key = j.family === 'Product' ? j.role : j.family;
    if (families.has(key)) continue;
    families.add(key);
    picked.push(j);
  }
  return picked;
}

export function ExampleJobs({ onPick }: { onPick: (jobId: string) => void }) {
  const jobs = useAppStore((s) => s.jobs);
  const examples = useMemo(() => pickExamples(jobs), [jobs]);
  if (examples.length === 0) return null;
  return (
    <div className="examples">
      <h3>Try an example</h3>
      <ul>
        {examples.map((j) => (
          <li key={j.id}>
            <button type="button" className="link-button" data-testid="example-job" onClick={() => onPick(j.id)}>
              {j.title}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
