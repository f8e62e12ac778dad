// Planted cases and honest look-alikes of device-unapproved (the rule: src/rules/device-unapproved.ts).
import type { Rng } from '../rng.ts';
import { at } from '../time.ts';
import type { Device, World } from '../world/world.ts';
import { newDevice } from '../world/devices.ts';
import { capture, addViolation } from '../world/rows.ts';
import { span, car, truth, lookalike } from './kit.ts';

export function plantDeviceUnapproved(w: World, r: Rng): void {
  const C = 'device-unapproved';
  const kinds = ['闯红灯', '压实线', '不按导向车道', '违反禁令标志', '违法停车'];
  const ensure = (d: Device, day: number) => {
    addViolation(w, capture(w, r, d, car(w, r), at(day, 10, r.int(60), r.int(60))));
  };
  for (let j = 0; j < w.k; j++) {
    const v = j % 3;
    let d: Device;
    if (v === 0) { d = newDevice(w, r, kinds[j % kinds.length], { review: '未审核', special: true }); ensure(d, w.dayIn(r)); }
    else if (v === 1) { d = newDevice(w, r, kinds[j % kinds.length], { announcedOn: null, special: true }); ensure(d, w.dayIn(r)); }
    else {
      const ann = w.from + r.between(20, Math.max(21, span(w) - 20));
      d = newDevice(w, r, kinds[j % kinds.length], { announcedOn: ann, special: true });
      ensure(d, ann - r.between(1, 15));
    }
    truth(w, C, 'device', d.id, v === 0 ? 'captures while 未审核' : v === 1 ? 'captures, never announced (公告日期 empty)' : 'captures before the announcement date');
  }
  for (let j = 0; j < w.k; j++) {
    const d = newDevice(w, r, kinds[j % kinds.length], { review: '未审核', status: '停用', activeFrom: w.to + 1, activeTo: w.from - 1, special: true });
    d.announcedOn = j % 2 ? null : d.enabledOn - 5;
    lookalike(w, C, 'device', d.id, 'unreviewed/unannounced device switched off, no penalty issued');
  }
  for (let j = 0; j < w.k; j++) {
    const en = w.from + r.between(5, Math.max(6, span(w) - 20));
    const d = newDevice(w, r, kinds[j % kinds.length], { enabledOn: en, announcedOn: en - 1, special: true });
    ensure(d, en);
    lookalike(w, C, 'device', d.id, 'announced one day before it was enabled');
  }
  for (let j = 0; j < w.k; j++) {
    const en = w.from + r.between(5, Math.max(6, span(w) - 20));
    const d = newDevice(w, r, kinds[j % kinds.length], { enabledOn: en, announcedOn: en, special: true });
    addViolation(w, capture(w, r, d, car(w, r), at(en, 0, 20 + r.int(30))));
    lookalike(w, C, 'device', d.id, 'first capture on the announcement day itself');
  }
  for (let j = 0; j < w.k; j++) {
    const d = newDevice(w, r, kinds[j % kinds.length], { funding: j % 2 ? '社会资金' : '企业租赁', ext: '某科技公司非现场执法平台', special: true });
    lookalike(w, C, 'device', d.id, 'privately funded, external platform, but reviewed and announced');
  }
}
