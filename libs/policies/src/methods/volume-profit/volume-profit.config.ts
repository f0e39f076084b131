export const VOLUME_PROFIT_CLASSES = [
  'high_volume_good_profit',
  'high_volume_low_profit',
  'moderate_volume_good_profit',
  'other',
] as const;
export type VolumeProfitClass = (typeof VOLUME_PROFIT_CLASSES)[number];

/** Percentile thresholds among the accounts with sales (source 000's three classes). */
export type VolumeProfitConfig = Readonly<{
  /** At or above: high volume (12-month revenue). */
  highVolumePercentile: number;
  /** At or above, and below high: moderate volume. */
  moderateVolumePercentile: number;
  /** At or above: good profit (12-month gross margin). */
  goodMarginPercentile: number;
}>;
