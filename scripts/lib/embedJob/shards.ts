/**
 * How rows are split into part files and parts into shards. A part is `partRows` consecutive
 * input rows (counted from 0, skipped rows included), so the rule depends only on a row's
 * position: every process that reads the same file with the same `partRows` agrees on it,
 * and merging the parts in part order gives back the input order.
 */
export const partOfRow = (row: number, partRows: number): number => Math.floor(row / partRows);

/** 1-based shard of a part among `count` shards: round robin, so shards get equal work. */
export const shardOfPart = (part: number, count: number): number => (part % count) + 1;

export const shardOfRow = (row: number, partRows: number, count: number): number => shardOfPart(partOfRow(row, partRows), count);

export const partFileName = (part: number): string => `part-${String(part).padStart(6, '0')}.parquet`;

export const manifestFileName = (shard: { index: number; count: number }): string => `shard-${shard.index}-of-${shard.count}.json`;

/** The parts a file of `rows` rows has. */
export const partCount = (rows: number, partRows: number): number => Math.ceil(rows / partRows);
