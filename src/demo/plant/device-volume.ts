// Planted cases and honest look-alikes of device-volume (the rule: src/rules/device-volume.ts).
import type { Rng } from '../rng.ts';
import type { World } from '../world/world.ts';
import { newDevice } from '../world/devices.ts';
import { truth, lookalike } from './kit.ts';

export function plantDeviceVolume(w: World, r: Rng): void {
  const C = 'device-volume';
  const ws = w.devices.filter((d) => d.status === '在用').map((d) => d.weight).sort((a, b) => a - b);
  const med = ws[ws.length >> 1];
  const kinds = ['闯红灯', '违法停车', '压实线', '超速'];
  for (let j = 0; j < Math.max(3, Math.ceil(w.k / 2)); j++) {
    const ratio = j % 3 === 0 ? 16 : 11;
    const d = newDevice(w, r, kinds[j % kinds.length], { weight: med * ratio, special: true });
    truth(w, C, 'device', d.id, ratio >= 10 ? `~${ratio}× the median (high)` : `~${ratio}× the median`);
  }
  for (let j = 0; j < Math.max(3, Math.ceil(w.k / 2)); j++) {
    const d = newDevice(w, r, kinds[j % kinds.length], { weight: med * 5, special: true });
    lookalike(w, C, 'device', d.id, '~5× the median (natural spread)');
  }
  for (let j = 0; j < 2; j++) {
    const en = w.to - 12 - j * 3;
    const d = newDevice(w, r, kinds[j], { enabledOn: en, announcedOn: en - 3, weight: med * 3, special: true });
    lookalike(w, C, 'device', d.id, 'in service for the last days only, busy per day but not in total');
  }
}
