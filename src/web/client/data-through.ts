// 数据截至, asked once per page load: the latest day the records cover (GET /api/meta). Pages default their
// dates and periods to it, so a console over last month's exports opens on last month, not on an empty today.
import { api } from './api.ts';

let asked: Promise<string | null> | null = null;

export function dataThrough(): Promise<string | null> {
  asked ??= api.get<{ data_through: string | null }>('/api/meta').then((m) => m.data_through, () => null);
  return asked;
}

/** After an import the data may reach further: ask again next time. */
export const forgetDataThrough = (): void => { asked = null; };
