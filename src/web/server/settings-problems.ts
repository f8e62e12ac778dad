// Stored settings that no longer pass their checks, as the console and the server log learn of them: read
// with the settings themselves (supervise/settings.ts), said in the log once per server and per problem (the
// console asks /api/meta on every page load), and again when the problem changes or is fixed.
import { readSuperviseSettings, type SuperviseSettingsRead } from '../../supervise/settings.ts';
import type { ServerContext } from './context.ts';

const said = new WeakMap<ServerContext, string>();

/** The supervision settings in force and their problems; a new problem goes to the server log. */
export async function supervisionSettingsReported(ctx: ServerContext): Promise<SuperviseSettingsRead> {
  const read = await readSuperviseSettings(ctx.store);
  const text = read.problems.map((p) => `${p.field}：${p.reason}`).join('；');
  if (text !== (said.get(ctx) ?? '')) {
    said.set(ctx, text);
    ctx.options.log(text ? `settings invalid ${text}` : 'settings valid again');
  }
  return read;
}
