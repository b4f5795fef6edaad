/**
 * What each close-pair number is, word for word as core/separation computes it, for the
 * lab's column tooltips and captions. One direction of a pair = the job descriptions of
 * the target role, with the twin role as the look-alike that should rank below.
 */
export const SEPARATION_HELP = {
  direction:
    "The pair's worse direction: of its two directions (the first role's job descriptions against the second role's profiles, and the reverse), the one with the lower AUC. Each direction is measured on its own, never averaged.",
  auc: "For each job description of the target role: the ROC AUC of the target-role profiles' scores against the twin-role profiles' scores (the chance that a random target profile outranks a random twin; ties count half; 0.5 = chance). Mean over those job descriptions.",
  twinTop10: 'For each job description of the target role: how many of the top 10 results have the twin role, divided by 10. Mean over those job descriptions.',
  queries: 'How many job descriptions have the target role (the numbers are means over them).',
  filtered:
    "The same under the query-cluster filter (only profiles in the k-means cluster nearest the job description, k = 10), for the worse direction by filtered AUC: AUC (profiles the filter removes count as ranked last) · twin share of the filtered top 10 · share of the target's profiles the filter keeps.",
} as const;

/** Initials of a role, for narrow cells: "Product Marketing Manager" -> "PMM". */
export function roleInitials(role: string): string {
  return role
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase())
    .join('');
}
