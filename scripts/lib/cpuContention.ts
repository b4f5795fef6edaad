/**
 * How much CPU other processes take while a benchmark runs. This machine is shared (type
 * checks, tests and other work run on it), and on 2 cores any of that skews a timing badly,
 * so benchmarks report it next to their numbers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Busy and total CPU ticks of the whole machine, from /proc/stat (Linux, USER_HZ). */
export function machineTicks(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - (f[4] ?? 0), total };
}

/** CPU ticks (user + system) of this process and all its descendants (Chromium, ORT threads), by pid. */
function ownTreeTicks(): Map<number, number> {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
      parent.set(Number(entry), Number(f[1]));
      ticks.set(Number(entry), Number(f[11]) + Number(f[12])); // utime, stime
    } catch {
      // the process exited meanwhile
    }
  }
  const mine = new Map<number, number>();
  for (const pid of ticks.keys()) {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        mine.set(pid, ticks.get(pid)!);
        break;
      }
    }
  }
  return mine;
}

/**
 * Measures how much CPU other processes took while `fn` ran, in cores (0.3 = a third of a
 * core on average): machine busy time minus this process tree's. This machine is shared
 * (type checks and tests run on it), and on 2 cores any of that skews a timing badly.
 */
export async function measureContention<T>(fn: () => Promise<T>): Promise<{ value: T; otherCores: number }> {
  if (!existsSync('/proc/stat')) return { value: await fn(), otherCores: 0 };
  const m0 = machineTicks();
  const own0 = ownTreeTicks();
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const m1 = machineTicks();
  let own = 0;
  for (const [pid, t] of ownTreeTicks()) own += t - (own0.get(pid) ?? 0);
  const hz = 100; // USER_HZ on Linux
  return { value, otherCores: Math.max(0, (m1.busy - m0.busy - own) / hz / seconds) };
}

