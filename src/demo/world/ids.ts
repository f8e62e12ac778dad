// Identifiers of the demo world: resident ID numbers, organisation codes, phones, plates, decision and
// device numbers. Random where the real ones look random, and never handed out twice.
import { RETRIES, type Rng } from '../rng.ts';
import { DAY, isoDay } from '../time.ts';

export class IdRegistry {
  private ids = new Set<string>();
  private plates = new Set<string>();
  private phoneSeq = 0;
  private decisionSeq = 0;
  private devSeq = 0;

  /** An 18-character resident ID number with a valid check digit. */
  idNumber(r: Rng, region: string, birthYearFrom = 1960, birthYearTo = 2001): string {
    for (let tries = 0; tries < RETRIES; tries++) {
      const y = r.between(birthYearFrom, birthYearTo);
      const m = r.between(1, 12);
      const d = r.between(1, 28);
      const body = region + y + String(m).padStart(2, '0') + String(d).padStart(2, '0') + String(r.int(1000)).padStart(3, '0');
      const id = body + checkDigit(body);
      if (!this.ids.has(id)) { this.ids.add(id); return id; }
    }
    // Deterministic fallback: the first free number of the region and birth years.
    for (let y = birthYearFrom; y <= birthYearTo; y++) for (let m = 1; m <= 12; m++) for (let d = 1; d <= 28; d++) for (let q = 0; q < 1000; q++) {
      const body = region + y + String(m).padStart(2, '0') + String(d).padStart(2, '0') + String(q).padStart(3, '0');
      const id = body + checkDigit(body);
      if (!this.ids.has(id)) { this.ids.add(id); return id; }
    }
    throw new Error(`demo: no free ID number left for region ${region}`);
  }

  /** A unified social credit code of a Jinzhong company. */
  orgId(r: Rng): string {
    const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let tries = 0; tries < RETRIES; tries++) {
      let s = '91140700';
      for (let i = 0; i < 10; i++) s += A[r.int(A.length)];
      if (!this.ids.has(s)) { this.ids.add(s); return s; }
    }
    for (let n = 0; ; n++) {
      // Deterministic fallback: the first free code in counting order (31^10 codes, so this ends).
      let s = '', x = n;
      for (let i = 0; i < 10; i++) { s = A[x % A.length] + s; x = Math.floor(x / A.length); }
      if (!this.ids.has('91140700' + s)) { this.ids.add('91140700' + s); return '91140700' + s; }
    }
  }

  /** A phone number no other licence holder has. */
  phone(): string {
    const i = this.phoneSeq++;
    const prefixes = ['130', '135', '139', '152', '158', '177', '186', '189'];
    const p = prefixes[i % prefixes.length];
    const n = (Math.floor(i / prefixes.length) * 7919 + 1234567) % 100000000;
    return p + String(n).padStart(8, '0');
  }

  plate(r: Rng, prefix: string, kind: 'normal' | 'ev' | 'police'): string {
    const L = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    const D = '0123456789';
    for (let tries = 0; tries < RETRIES; tries++) {
      let s: string;
      if (kind === 'ev') s = prefix + (r.chance(0.7) ? 'D' : 'F') + String(r.int(100000)).padStart(5, '0');
      else if (kind === 'police') s = prefix + String(r.int(10000)).padStart(4, '0') + '警';
      else {
        s = prefix;
        for (let i = 0; i < 5; i++) s += i < 2 && r.chance(0.35) ? L[r.int(L.length)] : r.chance(0.15) ? L[r.int(L.length)] : D[r.int(10)];
      }
      if (!this.plates.has(s)) { this.plates.add(s); return s; }
    }
    // Deterministic fallback: the first free plate of the kind in counting order.
    const n = kind === 'police' ? 10000 : kind === 'ev' ? 200000 : 34 ** 5;
    const LD = D + L;
    for (let i = 0; i < n; i++) {
      let s: string;
      if (kind === 'police') s = prefix + String(i).padStart(4, '0') + '警';
      else if (kind === 'ev') s = prefix + (i < 100000 ? 'D' : 'F') + String(i % 100000).padStart(5, '0');
      else { s = ''; for (let j = 0, x = i; j < 5; j++, x = Math.floor(x / LD.length)) s = LD[x % LD.length] + s; s = prefix + s; }
      if (!this.plates.has(s)) { this.plates.add(s); return s; }
    }
    throw new Error(`demo: no free ${kind} plate left for ${prefix}`);
  }

  /** 处罚决定书编号: the unit's region, the year, a running number. */
  decisionNo(unit: string, t: number): string {
    return unit.slice(0, 6) + isoDay(Math.floor(t / DAY)).slice(0, 4) + String(++this.decisionSeq).padStart(9, '0');
  }

  deviceId(r: Rng): string {
    return '1407' + String(r.int(100000000)).padStart(8, '0') + String(this.devSeq++).padStart(3, '0');
  }
}

/** The check character of an ID number (GB 11643). */
function checkDigit(body: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += +body[i] * w[i];
  return '10X98765432'[s % 11];
}
