/**
 * Orders by score, best first, and ranks competition-style (1, 2, 2, 4): equal scores share the
 * better rank. Equal scores keep their input order, which is account-id order everywhere here, so
 * the result never depends on how the snapshot was listed.
 */
export const competitionRanks = (scores: readonly number[]): { order: number[]; ranks: number[] } => {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const ranks = new Array<number>(scores.length);
  order.forEach((i, position) => {
    const previous = order[position - 1];
    const tied = previous !== undefined && scores[previous] === scores[i];
    ranks[i] = tied ? (ranks[previous] ?? position + 1) : position + 1;
  });
  return { order, ranks };
};
