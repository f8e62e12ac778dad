// Planted cases and honest look-alikes of liability-change (the rule: src/rules/liability-change.ts).
import type { Rng } from '../rng.ts';
import { at } from '../time.ts';
import type { World } from '../world/world.ts';
import type { AccidentGrid } from '../background/accidents.ts';
import { span, spot, accident, truth, lookalike } from './kit.ts';

export function plantLiabilityChange(w: World, grid: AccidentGrid, r: Rng): void {
  const C = 'liability-change';
  const make = (changes: number, reason: string | null) => {
    const loc = spot(w, r, grid);
    const t = at(w.dayIn(r, 0, span(w) - 15), r.between(7, 20), r.int(60));
    return accident(w, r, { t, ...loc, row: { liability_changes: changes, change_reason: reason } });
  };
  const bad: [number, string | null, string][] = [[1, '其他', 'reason 其他'], [1, '当事人协商', 'reason 当事人协商'], [1, '重新认定', 'bare 重新认定'], [1, null, 'empty reason'], [2, '其他', 'changed twice (high)']];
  for (let i = 0; i < Math.max(w.k, bad.length); i++) {
    const [n, reason, label] = bad[i % bad.length];
    truth(w, C, 'accident', make(n, reason).ref, label);
  }
  const ok = ['复核', '复核后重新认定', '上级复核，责令重新认定', '复核结论：责令重新调查认定'];
  for (let i = 0; i < Math.max(w.k, ok.length); i++) {
    lookalike(w, C, 'accident', make(1 + (i % 2), ok[i % ok.length]).ref, `reason mentions 复核: ${ok[i % ok.length]}`);
  }
}
