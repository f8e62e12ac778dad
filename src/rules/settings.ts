// Every figure of RULES.md in one place (RULES.md 0.8). The analysis prints these with each run and
// stores them with it, so a warning can always be traced to the rule text and the figure behind it.
// An administrator may override any of them with a JSON file (`analyze --settings FILE`).

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

/** Overlay an administrator's partial settings on the defaults; unknown keys are errors (a typo must not pass silently). */
export function mergeSettings(overrides: unknown): { ok: true; settings: Settings } | { ok: false; error: string } {
  if (overrides == null) return { ok: true, settings: DEFAULT_SETTINGS };
  if (typeof overrides !== 'object') return { ok: false, error: '设置文件必须是一个 JSON 对象' };
  const out: Record<string, Record<string, unknown>> = {};
  for (const [group, values] of Object.entries(DEFAULT_SETTINGS)) out[group] = { ...values };
  for (const [group, values] of Object.entries(overrides as Record<string, unknown>)) {
    if (!(group in out)) return { ok: false, error: `未知的设置组：${group}` };
    if (typeof values !== 'object' || values === null) return { ok: false, error: `设置组 ${group} 必须是对象` };
    for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
      if (!(k in out[group])) return { ok: false, error: `未知的设置项：${group}.${k}` };
      const def = out[group][k];
      if (typeof def !== typeof v || Array.isArray(def) !== Array.isArray(v)) return { ok: false, error: `设置项 ${group}.${k} 的类型应与默认值相同` };
      out[group][k] = v;
    }
  }
  return { ok: true, settings: out as unknown as Settings };
}
