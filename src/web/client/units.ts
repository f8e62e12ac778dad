// The units this user may see (a brigade user: its own), loaded once for the filters and labels.
import { ref } from 'vue';
import { api } from './api.ts';
import type { Unit } from './types.ts';

const units = ref<Unit[]>([]);
let loading: Promise<void> | null = null;

export function useUnits() {
  loading ??= api.get<Unit[]>('/api/units').then((u) => { units.value = u; }, () => { loading = null; });
  return units;
}

export const unitName = (code: string): string => units.value.find((u) => u.unit_code === code)?.unit_name ?? code;

/** A unit's name short enough for a table header or an axis: the detachment's prefix dropped. */
export const shortUnitName = (name: string): string => name.replace(/^晋中(市)?公安(局)?交警支队/, '').replace(/交警大队$/, '大队') || name;
