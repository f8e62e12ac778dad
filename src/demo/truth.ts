// truth.json: what the demo planted (should warn) and the honest look-alikes (should not).
import type { RecordRef } from '../contract/vocabulary.ts';

export type Subject = RecordRef;
export interface Truth {
  period: { from: string; to: string; asOf: string };
  planted: { category: string; subject: Subject; clause: string }[];
  lookalikes: { category: string; subject: Subject; exemption: string }[];
  /**
   * The expected number of accidents per month ('YYYY-MM') and unit, history and period, from the
   * intensity the generator draws them with: the oracle the forecast backtest is measured against.
   */
  accidentsExpected?: Record<string, Record<string, number>>;
}

export { CATEGORIES } from '../contract/vocabulary.ts';
