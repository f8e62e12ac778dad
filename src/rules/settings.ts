// Every figure of RULES.md in one place (RULES.md 0.8). The analysis prints these with each run and
// stores them with it, so a warning can always be traced to the rule text and the figure behind it.
// An administrator may override any of them with a JSON file (`analyze --settings FILE`); each figure's type
// and range (SETTING_CHECKS, below the defaults) is checked when the file is merged.
import { RE2JS } from 're2js';
import { failure, type Failure } from '../contract/failure.ts';

export const DEFAULT_SETTINGS = {
  pointTrading: {
    /** 1.2: distinct other owners for a high warning. */
    highOwners: 3,
    /** 1.3: exactly this many owners plus a sign gives a medium warning. */
    mediumOwners: 2,
    /** 1.3(a): the issuer code of the detachment's own licences. */
    localIssuer: '晋K',
    /** 1.3(a): plate prefix of locally registered vehicles. */
    localPlatePrefix: '晋K',
    /** 1.5: penalties processed within this many hours count as one sitting. */
    sittingHours: 24,
    /** 1.5: total points at or above this are "at or near 12". */
    nearFullPoints: 10,
  },
  caseShelving: {
    /** 2.2: scene investigation + N working days. */
    sceneWorkingDays: 10,
    /** 2.2: appraisal conclusion + N working days. */
    appraisalWorkingDays: 5,
    /** 2.2: an approved extension moves the deadline this many calendar days. */
    extensionDays: 30,
    /** 2.5: overdue by more than this many days is high. */
    highOverdueDays: 30,
  },
  favorVoiding: {
    /** 3.4: voids without a recognised ground. */
    minUngrounded: 5,
    /** 3.4: or this many ungrounded voids … */
    repeatMinUngrounded: 3,
    /** … of which this many concern one vehicle. */
    repeatSameVehicle: 2,
    /** 3.2: vehicle usages for which 执行紧急任务 is a ground. */
    emergencyUsages: ['警用', '消防', '救护', '工程救险'],
    /** 3.2: the 执行紧急任务 ground, a regular expression matched in 作废原因 (valid only for the usages above). */
    emergencyGround: '紧急|执行.{0,4}(任务|公务|警务)|救援|抢险|救险|出警|急救|救护|消防|灭火|救火|火灾|火警|警情|病人|伤员|警车|警用|特种车|应急',
    /** 3.2: the other recognised grounds, each a regular expression matched in 作废原因. */
    groundPatterns: [
      '号牌识别错误|号牌信息错误|识别错误|识别有误|误识别|号牌号码错误|号牌录入错误|识读(错误|有误)|误识|(号牌|车牌).{0,4}(有误|错误|不符)',
      '套牌|套用.{0,4}号牌|克隆|冒用.{0,4}号牌|伪造.{0,4}号牌|变造.{0,4}号牌|假牌|假号牌|使用伪造|使用变造',
      '设备故障|设备异常|设备误拍|(设备|相机|摄像|抓拍|测速|监控|系统|仪器|电子警察|电警|卡口|雷达|线圈).{0,6}(故障|异常|误拍|误报|误抓|失灵|失准)',
      '被盗抢|被盗|被抢',
      '救助危难|紧急避险',
      '现场已被?(交通警察|交警|民警)?处理|已现场处理|已被现场处罚|(已|已被|已由).{0,8}现场(处理|处罚)|现场已.{0,4}(处理|处罚)',
      '信号指示不一致|信号灯指示不一致|交通信号.{0,6}不一致|信号.{0,6}(冲突|矛盾)',
      '(不能|无法|未能)(清晰|清楚|准确)?(显示|反映|辨认|识别)|记录不清|图像不清|照片不清|图像模糊|照片模糊|(图片|图像|照片|画面|影像|视频|号牌|车牌)(不清|模糊)|事实不清',
    ],
    /** 3.3: a reason that states its ground was rejected is no ground (e.g. 申辩称套牌，经核实不成立). */
    rejectedPattern: '不成立|未成立|不予采纳|不予支持|未获支持|未予支持|驳回|不属实|查无实据|无法证实|不能证实|不予认定|(非|不是|不属于|不存在|未发现)(套牌|伪造|变造|号牌识别错误)|识别无误',
  },
  irregularBusiness: {
    /** 5.2(b): window acceptance at or after this hour … */
    nightStartHour: 20,
    /** … or before this hour is at night. */
    nightEndHour: 7,
    /** 5.2(d): a violation needs this many hours to reach the system. */
    violationLagHours: 48,
  },
  bodycamMissing: {
    /** 6.1: an on-site ticket lasts this many minutes from 违法时间. */
    ticketMinutes: 12,
    /** 6.1: arrival = 接警时间 + this many minutes … */
    arrivalMinutes: 15,
    /** … or scene end − this many minutes if that is earlier. */
    arrivalBeforeSceneEndMinutes: 5,
    /** 6.2(ii): the act's span widened by this many minutes each side. */
    slackMinutes: 30,
  },
  bodycamDeletion: {
    /** 7.2: minimum retention in calendar months after 结束时间. */
    retentionMonths: 6,
  },
  bodycamLateUpload: {
    /** 8.2: upload deadline in hours after 结束时间. */
    deadlineHours: 24,
    /** 8.4: more than this many hours late is high. */
    highHours: 72,
  },
  deviceComplaints: {
    /** 11.1: complaints in the period for a warning … */
    minComplaints: 3,
    /** … and for a high one. */
    highComplaints: 8,
  },
  deviceVolume: {
    /** 12.2: fewer same-kind peers than this → compare with all devices. */
    minPeers: 5,
    /** 12.3: times the peer median and the overall median. */
    ratio: 7,
    /** 12.4: high at this ratio. */
    highRatio: 10,
  },
  duplicatePenalty: {
    /** 13.1: parking captures by one camera within this many minutes are one act. */
    parkingMinutes: 120,
    /** 13.2: speeding captures on one road within this many minutes are one act. */
    speedingMinutes: 10,
    /** 13.2: the speeding codes. */
    speedingCodes: ['1352', '1636', '1721'],
    /** 13.2: camera kinds that measure speed. */
    speedKinds: ['超速', '区间测速'],
    /** 13.1: the parking camera kind. */
    parkingKind: '违法停车',
  },
  deviceCalibration: {
    /** 10.1: kinds that need verification. */
    speedKinds: ['超速', '区间测速'],
  },
  blackspot: {
    /** 15.1(a): fatal accidents pairwise within this many metres … */
    fatalRadiusM: 500,
    /** … at least this many. */
    fatalMin: 3,
    /** 15.1(b): accidents within this many metres … */
    densityRadiusM: 200,
    /** … at least this many, itself included. */
    densityMin: 10,
    /** 15.2: seeds within this many metres merge. */
    mergeRadiusM: 500,
    /** 15.2: the location is the mean of accidents within this many metres of the seeds' centre. */
    locationRadiusM: 250,
  },
} as const;

type Widen<T> = T extends string ? string : T extends number ? number : T extends readonly (infer U)[] ? readonly Widen<U>[] : { readonly [K in keyof T]: Widen<T[K]> };
export type Settings = Widen<typeof DEFAULT_SETTINGS>;

/** What a figure may be. Numbers carry their range; texts and patterns must not be empty. */
export interface NumberCheck { readonly type: 'int' | 'number'; readonly min: number; readonly max: number }
export interface TextCheck { readonly type: 'text' | 'regex' }
export interface ListCheck { readonly type: 'texts' | 'regexes' }
export type Check = NumberCheck | TextCheck | ListCheck;
type CheckFor<V> = V extends number ? NumberCheck : V extends string ? TextCheck : ListCheck;

const int = (min: number, max: number) => ({ type: 'int', min, max }) as const;
const num = (min: number, max: number) => ({ type: 'number', min, max }) as const;
const text = { type: 'text' } as const;
const texts = { type: 'texts' } as const;
const regex = { type: 'regex' } as const;
const regexes = { type: 'regexes' } as const;

/**
 * The type and range of every figure of DEFAULT_SETTINGS (the compiler insists on one per key). The bounds
 * are what the rules can compute with, not policy: a count of owners or complaints of at least 1, hours of
 * the day 0–23, radii of at least one metre (the blackspot grid divides by them). Lists feed `IN (…)`, which
 * cannot be empty, and a pattern that matches the empty text would match every reason.
 */
export const SETTING_CHECKS: { readonly [G in keyof Settings]: { readonly [K in keyof Settings[G]]: CheckFor<Settings[G][K]> } } = {
  pointTrading: {
    highOwners: int(1, 1000), mediumOwners: int(1, 1000), localIssuer: text, localPlatePrefix: text,
    sittingHours: int(0, 8760), nearFullPoints: int(0, 1000),
  },
  caseShelving: {
    // The working-day calendar is built to 120 days past the last start day: 60 working days always fit.
    sceneWorkingDays: int(1, 60), appraisalWorkingDays: int(1, 60), extensionDays: int(0, 3650), highOverdueDays: int(0, 3650),
  },
  favorVoiding: {
    minUngrounded: int(1, 10000), repeatMinUngrounded: int(1, 10000), repeatSameVehicle: int(1, 10000),
    emergencyUsages: texts, emergencyGround: regex, groundPatterns: regexes, rejectedPattern: regex,
  },
  irregularBusiness: { nightStartHour: int(0, 23), nightEndHour: int(0, 23), violationLagHours: int(0, 8760) },
  bodycamMissing: {
    ticketMinutes: int(0, 1440), arrivalMinutes: int(0, 1440), arrivalBeforeSceneEndMinutes: int(0, 1440), slackMinutes: int(0, 1440),
  },
  bodycamDeletion: { retentionMonths: int(1, 1200) },
  bodycamLateUpload: { deadlineHours: int(1, 8760), highHours: int(1, 8760) },
  deviceComplaints: { minComplaints: int(1, 100000), highComplaints: int(1, 100000) },
  deviceVolume: { minPeers: int(1, 100000), ratio: num(1, 1000), highRatio: num(1, 1000) },
  duplicatePenalty: {
    parkingMinutes: int(1, 1440), speedingMinutes: int(1, 1440), speedingCodes: texts, speedKinds: texts, parkingKind: text,
  },
  deviceCalibration: { speedKinds: texts },
  blackspot: {
    fatalRadiusM: num(1, 100000), fatalMin: int(1, 1000), densityRadiusM: num(1, 100000), densityMin: int(1, 100000),
    mergeRadiusM: num(1, 100000), locationRadiusM: num(1, 100000),
  },
};

/** Pairs of figures where the first may not exceed the second (a "high" mark below the warning mark is a typo). */
export const SETTING_ORDER: readonly (readonly [lower: string, higher: string, strict: boolean])[] = [
  ['pointTrading.mediumOwners', 'pointTrading.highOwners', true],
  ['bodycamLateUpload.deadlineHours', 'bodycamLateUpload.highHours', false],
  ['deviceComplaints.minComplaints', 'deviceComplaints.highComplaints', false],
  ['deviceVolume.ratio', 'deviceVolume.highRatio', false],
];

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Why a pattern cannot be used, or null. DuckDB matches with RE2, so RE2's syntax decides (no look-around, no back-references). */
function patternError(p: string): string | null {
  let re: RE2JS;
  try {
    re = RE2JS.compile(p);
  } catch (err) {
    return `不是有效的正则表达式（${(err as Error).message}）`;
  }
  return re.test('') ? '会匹配空文字（即任何原因），请写出具体的措辞' : null;
}

/** The error of one figure against its check, or null. */
function checkValue(key: string, check: Check, v: unknown): string | null {
  switch (check.type) {
    case 'int':
    case 'number': {
      const kind = check.type === 'int' ? '整数' : '数';
      const ok = typeof v === 'number' && Number.isFinite(v) && (check.type === 'number' || Number.isInteger(v));
      return ok && v >= check.min && v <= check.max ? null : `设置项 ${key} 应为 ${check.min}–${check.max} 的${kind}，而不是 ${show(v)}`;
    }
    case 'text':
    case 'regex':
      if (typeof v !== 'string' || v.trim() === '') return `设置项 ${key} 应为非空文字，而不是 ${show(v)}`;
      if (check.type === 'regex') { const e = patternError(v); if (e) return `设置项 ${key} ${e}`; }
      return null;
    case 'texts':
    case 'regexes': {
      if (!Array.isArray(v) || v.length === 0) return `设置项 ${key} 应为至少一项的文字列表，而不是 ${show(v)}`;
      const item: Check = check.type === 'texts' ? text : regex;
      for (const [i, x] of v.entries()) { const e = checkValue(`${key}[${i}]`, item, x); if (e) return e; }
      return null;
    }
  }
}

/** Check every figure of a settings object (the defaults included, by a test): the first error, or null. */
export function checkSettings(settings: Settings): string | null {
  const values = settings as unknown as Record<string, Record<string, unknown>>;
  const checks = SETTING_CHECKS as unknown as Record<string, Record<string, Check>>;
  for (const [group, keys] of Object.entries(checks)) {
    for (const [k, check] of Object.entries(keys)) {
      const e = checkValue(`${group}.${k}`, check, values[group][k]);
      if (e) return e;
    }
  }
  const at = (key: string): number => { const [g, k] = key.split('.'); return values[g][k] as number; };
  for (const [lo, hi, strict] of SETTING_ORDER) {
    if (strict ? at(lo) < at(hi) : at(lo) <= at(hi)) continue;
    return `设置项 ${hi}（${at(hi)}）应${strict ? '大于' : '不小于'} ${lo}（${at(lo)}）`;
  }
  return null;
}

/**
 * Overlay an administrator's partial settings on the defaults; unknown keys are errors (a typo must not pass
 * silently), and every figure is checked against its type and range here, once, so the rules can use them
 * as they are.
 */
export function mergeSettings(overrides: unknown): { ok: true; settings: Settings } | Failure {
  if (overrides == null) return { ok: true, settings: DEFAULT_SETTINGS };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) return failure('invalid', '设置文件必须是一个 JSON 对象');
  const out: Record<string, Record<string, unknown>> = {};
  for (const [group, values] of Object.entries(DEFAULT_SETTINGS)) out[group] = { ...values };
  for (const [group, values] of Object.entries(overrides as Record<string, unknown>)) {
    if (!Object.hasOwn(out, group)) return failure('invalid', `未知的设置组：${group}`);
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return failure('invalid', `设置组 ${group} 必须是对象`);
    for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
      if (!Object.hasOwn(out[group], k)) return failure('invalid', `未知的设置项：${group}.${k}`);
      out[group][k] = v;
    }
  }
  const settings = out as unknown as Settings;
  const error = checkSettings(settings);
  return error ? failure('invalid', error) : { ok: true, settings };
}
