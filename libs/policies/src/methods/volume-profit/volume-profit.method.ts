import type { AccountFacts, PortfolioFacts } from '../../shared/account-facts.js';
import type { MethodOutcome } from '../../shared/method-outcome.js';
import { reasonsIf } from '../../shared/reasons.js';
import { fmt, round2 } from '../../shared/numbers.js';
import { percentileRanker } from '../../shared/percentile-rank.js';
import type { VolumeProfitClass, VolumeProfitConfig } from './volume-profit.config.js';

export type VolumeProfit = MethodOutcome & Readonly<{ class: VolumeProfitClass }>;

/**
 * Volume and profit (source 000). Volume is the plain 12-month revenue (volume is volume, however
 * it was sold); profit is the 12-month gross margin. Both are percentile ranks among the accounts
 * with sales. Low-volume accounts and accounts without sales are 'other'. Score = the revenue
 * percentile.
 */
export const classifyVolumeProfit = (
  portfolio: PortfolioFacts,
  config: VolumeProfitConfig,
  explain = true,
): VolumeProfit[] => {
  const sellers = portfolio.accounts.filter((facts) => facts.hasSales);
  const volumeRank = percentileRanker(sellers.map((facts) => facts.revenue12m));
  const marginRank = percentileRanker(sellers.map((facts) => facts.grossMargin12m ?? 0));
  return portfolio.accounts.map((facts) =>
    facts.hasSales
      ? classifySeller(
          facts,
          volumeRank(facts.revenue12m),
          marginRank(facts.grossMargin12m ?? 0),
          config,
          explain,
        )
      : {
          class: 'other',
          score: 0,
          components: {},
          inputs: { revenue12m: facts.revenue12m, grossMargin12m: null },
          reasons: reasonsIf(explain, () => ['volume-profit other: no sales in the trailing 12 months']),
        },
  );
};

const classifySeller = (
  facts: AccountFacts,
  volume: number,
  margin: number,
  config: VolumeProfitConfig,
  explain: boolean,
): VolumeProfit => {
  const high = volume >= config.highVolumePercentile;
  const moderate = !high && volume >= config.moderateVolumePercentile;
  const good = margin >= config.goodMarginPercentile;
  const chosen: VolumeProfitClass = high
    ? good
      ? 'high_volume_good_profit'
      : 'high_volume_low_profit'
    : moderate && good
      ? 'moderate_volume_good_profit'
      : 'other';
  const volumeText = high ? 'high' : moderate ? 'moderate' : 'low';
  const reasons = reasonsIf(explain, () => [
    `volume ${volumeText}: 12-month revenue ${fmt(facts.revenue12m)} at percentile ${fmt(volume)} ` +
      `(high from ${config.highVolumePercentile}, moderate from ${config.moderateVolumePercentile})`,
    `profit ${good ? 'good' : 'low'}: gross margin ${fmt((facts.grossMargin12m ?? 0) * 100)}% at percentile ` +
      `${fmt(margin)} (good from ${config.goodMarginPercentile})`,
    `volume-profit ${chosen}`,
  ]);
  return {
    class: chosen,
    score: round2(volume),
    components: { volumePercentile: round2(volume), marginPercentile: round2(margin) },
    inputs: { revenue12m: facts.revenue12m, grossMargin12m: facts.grossMargin12m },
    reasons,
  };
};
