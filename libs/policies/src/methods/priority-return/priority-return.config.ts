/** Source 003: rank by value (sales) and potential to allocate resources; normalised by their sum. */
export type PriorityConfig = Readonly<{
  valueWeight: number;
  potentialWeight: number;
  missingPotential: number;
}>;
