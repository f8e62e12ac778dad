// The shared sample (test/fixtures/jinzhong-2021h1, the detachment's own export of 2021's first half) imported
// into a store, as `yanpan import` would: the setup of every test that judges real-looking data.
import { importDataset } from '../../src/ingest/import-dataset.ts';
import { openStore, type Store } from '../../src/store/db.ts';

export const SAMPLE_DIR = new URL('../fixtures/jinzhong-2021h1', import.meta.url).pathname;

/** A store (in memory unless a file is named) holding the sample; a failed import fails the test's setup. */
export async function sampleStore(file = ':memory:'): Promise<Store> {
  const store = await openStore(file);
  const result = await importDataset(store, SAMPLE_DIR);
  if (!result.ok) {
    store.close();
    throw new Error(`the sample did not import: ${JSON.stringify(result)}`);
  }
  return store;
}
