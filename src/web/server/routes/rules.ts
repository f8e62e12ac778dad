// 规则成效 and 规则设置: how the rules fare when their warnings are verified, the settings versions, trying new
// figures before adopting them, and adopting them. The same functions as `yanpan settings …`.
import { checkPeriod, FIELD_NAMES } from '../../../analyze/period.ts';
import { diffSettings, latestRunPeriod } from '../../../analyze/settings-diff.ts';
import { adoptSettings, listSettingsVersions, settingsInForce } from '../../../analyze/settings-versions.ts';
import { CATEGORY_INFO, SETTING_ZH } from '../../../contract/categories.ts';
import { DEFAULT_SETTINGS, mergeSettings, SETTING_CHECKS } from '../../../rules/settings.ts';
import { SETTINGS_READ } from '../../../rules/settings-use.ts';
import { effectivenessSettings, ruleEffectiveness, setEffectivenessSettings } from '../../../queries/rule-effectiveness.ts';
import { appendAudit } from '../../../supervise/audit.ts';
import { addDays, localStamp, parseDay, today as todayIn } from '../../../time/index.ts';
import { transaction } from '../../../store/db.ts';
import { answerFailure, fail, jsonBody, type RouteDef } from '../context.ts';
import { onOwnConnection } from '../own-connection.ts';

export const ruleRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/rule-effectiveness', access: 'manage-data',
    doc: 'How each rule fares in supervision (规则成效): findings verified true and false, from the audit.',
    async handler(c, { store, options }) {
      const today = todayIn(options.clock);
      const q = (k: string) => c.req.query(k);
      const to = q('to') ? parseDay(q('to') ?? '') : today;
      const from = q('from') ? parseDay(q('from') ?? '') : to ? addDays(to, -89) : null;
      if (!from || !to) return fail(c, 400, 'from、to 应为有效日期（YYYY-MM-DD）');
      const checked = checkPeriod(from, to, to, FIELD_NAMES);
      if (!checked.ok) return answerFailure(c, checked);
      // An invalid stored setting is a StoredEffectivenessError: a Failure the app answers (409).
      return c.json(await ruleEffectiveness(store, c.get('user'), { from, to, today }, await effectivenessSettings(store)));
    },
  },
  {
    method: 'PUT', path: '/api/settings/rule-effectiveness', access: 'admin',
    doc: 'When 规则成效 marks a category: {"windowDays","minVerified","falseShare"} (the 不属实 share above which it is marked).',
    security: { event: 'setting-change', detail: async (c) => `规则成效标记 ${JSON.stringify(await c.req.json()).slice(0, 200)}` },
    async handler(c, { store, options }) {
      const b = await jsonBody(c);
      const user = c.get('user').username;
      const r = await transaction(store, async () => {
        const set = await setEffectivenessSettings(store, b);
        if (set.ok) {
          await appendAudit(store, [{ at: localStamp(options.clock.now()), username: user, itemKey: null, action: 'settings', from: null, to: null, fields: { ruleEffectiveness: set.value } }]);
        }
        return set;
      });
      return r.ok ? c.json(r.value) : answerFailure(c, r);
    },
  },
  {
    method: 'GET', path: '/api/rule-settings', access: 'manage-data',
    doc: 'The rule settings in force and their versions.',
    async handler(c, { store }) {
      const current = await settingsInForce(store);
      return c.json({
        version: current.version,
        settings: current.settings,
        defaults: DEFAULT_SETTINGS,
        checks: SETTING_CHECKS,
        names: SETTING_ZH,
        // Which categories each group's figures decide, for the page's headings.
        groups: Object.keys(DEFAULT_SETTINGS).map((g) => ({
          key: g,
          categories: Object.entries(SETTINGS_READ).filter(([, gs]) => (gs as readonly string[]).includes(g)).map(([k]) => ({ key: k, name: CATEGORY_INFO[k as keyof typeof CATEGORY_INFO].zh })),
        })),
        versions: await listSettingsVersions(store),
      });
    },
  },
  {
    // Trying figures writes nothing: it runs the rules the change touches twice and compares.
    method: 'POST', path: '/api/rule-settings/preview', access: 'admin', expensive: true,
    doc: 'Try candidate rule settings: what a run of a period would add, remove and change.',
    security: { event: 'analysis', detail: () => '试算规则参数' },
    async handler(c, ctx) {
      const { store } = ctx;
      const b = await jsonBody(c, ['settings', 'from', 'to', 'as_of']);
      const merged = mergeSettings(b.settings ?? null);
      if (!merged.ok) return answerFailure(c, merged);
      let period = await latestRunPeriod(store);
      if (b.from !== undefined || b.to !== undefined) {
        if (typeof b.from !== 'string' || typeof b.to !== 'string' || (b.as_of !== undefined && typeof b.as_of !== 'string')) return fail(c, 400, '期间需给出 from、to（YYYY-MM-DD），可选 as_of');
        const checked = checkPeriod(b.from, b.to, b.as_of as string | undefined, FIELD_NAMES);
        if (!checked.ok) return answerFailure(c, checked);
        period = checked.period;
      }
      if (!period) return fail(c, 400, '尚无分析记录：请给出试算期间');
      const checkedPeriod = period;
      const current = await settingsInForce(store);
      const diff = await onOwnConnection(ctx, (conn) => diffSettings(conn, checkedPeriod, current.settings, merged.settings));
      return c.json({ base_version: current.version, ...diff });
    },
  },
  {
    method: 'POST', path: '/api/rule-settings', access: 'admin',
    security: { event: 'setting-change', detail: async (c) => {
      const b = await c.req.json<{ reason?: unknown; settings?: unknown }>().catch(() => ({} as { reason?: unknown; settings?: unknown }));
      return `规则设置：${String(b.reason ?? '').slice(0, 100)} ${JSON.stringify(b.settings ?? null).slice(0, 200)}`;
    } },
    doc: 'Adopt new rule settings (a new version, with who and why).',
    async handler(c, { store, options }) {
      const b = await jsonBody(c, ['reason', 'settings']);
      if (typeof b.reason !== 'string' || !b.reason.trim()) return fail(c, 400, '请填写修改原因（reason）');
      const user = c.get('user').username;
      const at = localStamp(options.clock.now());
      const reason = b.reason;
      const r = await transaction(store, async () => {
        const before = await settingsInForce(store);
        const adopted = await adoptSettings(store, b.settings ?? null, { by: user, reason, at });
        if (adopted.ok && !adopted.unchanged) {
          await appendAudit(store, [{ at, username: user, itemKey: null, action: 'rule-settings', from: before.version === null ? null : String(before.version),
            to: String(adopted.version), fields: { reason: reason.trim(), settings: b.settings ?? null } }]);
        }
        return adopted;
      });
      return r.ok ? c.json(r, r.unchanged ? 200 : 201) : answerFailure(c, r);
    },
  },
];
