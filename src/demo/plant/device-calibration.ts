// Planted cases and honest look-alikes of device-calibration (the rule: src/rules/device-calibration.ts).
import type { Rng } from '../rng.ts';
import { at } from '../time.ts';
import type { World } from '../world/world.ts';
import { newDevice } from '../world/devices.ts';
import { capture, addViolation } from '../world/rows.ts';
import { span, car, truth, lookalike } from './kit.ts';

export function plantDeviceCalibration(w: World, r: Rng): void {
  const C = 'device-calibration';
  for (let j = 0; j < w.k; j++) {
    const exp = w.from + r.between(10, Math.max(11, span(w) - 20));
    const d = newDevice(w, r, j % 3 === 2 ? '区间测速' : '超速', { calibUntil: exp, special: true });
    addViolation(w, capture(w, r, d, car(w, r), at(exp + r.between(1, 10), 14, r.int(60), r.int(60))));
    truth(w, C, 'device', d.id, 'valid captures after calibration expired');
  }
  for (let j = 0; j < w.k; j++) {
    const exp = w.from + r.between(10, Math.max(11, span(w) - 20));
    const d = newDevice(w, r, '超速', { calibUntil: exp, activeTo: exp - (j % 2 ? 5 : 0), status: '停用', special: true });
    if (j % 2 === 0) {
      addViolation(w, capture(w, r, d, car(w, r), at(exp, 21, r.int(60), r.int(60))));
      lookalike(w, C, 'device', d.id, 'last capture on the expiry day itself, then switched off');
    } else lookalike(w, C, 'device', d.id, 'calibration expired and device switched off, no capture after');
  }
  for (let j = 0; j < Math.max(2, Math.ceil(w.k / 2)); j++) {
    const d = newDevice(w, r, '闯红灯', { calibUntil: w.from - r.between(10, 200), special: true });
    lookalike(w, C, 'device', d.id, 'non-speed camera with a past calibration date');
  }
  for (let j = 0; j < Math.max(2, Math.ceil(w.k / 2)); j++) {
    const d = newDevice(w, r, '超速', { calibUntil: null, special: true });
    lookalike(w, C, 'device', d.id, 'speed camera with empty 检定有效期至 (10.2: not an element)');
  }
}
