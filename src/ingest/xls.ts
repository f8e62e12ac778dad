// Excel 97–2003 workbooks (.xls), which many platforms still export: converted to .xlsx by LibreOffice when the
// machine has it (`soffice --headless --convert-to xlsx`), otherwise refused with a message saying how to save them.
import { spawn } from 'node:child_process';
import { access, constants, mkdir, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const XLS_REFUSED = '旧版 Excel（.xls）：请用 Excel 或 WPS 另存为 .xlsx 或 CSV';

/** How long one conversion may take: LibreOffice's first start alone takes seconds. */
export const XLS_TIMEOUT_MS = 120_000;

/** The LibreOffice command on PATH (`soffice`, or `libreoffice`), or null. */
export async function findSoffice(path = process.env.PATH ?? ''): Promise<string | null> {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const name of ['soffice', 'libreoffice']) {
      const p = join(dir, name);
      if (await access(p, constants.X_OK).then(() => true, () => false)) return p;
    }
  }
  return null;
}

export type XlsOutcome = { ok: true; path: string } | { ok: false; message: string };

/**
 * `src` converted into a folder of its own under `workDir`. LibreOffice gets a profile of its own there too, so
 * two conversions (two imports, or a user's open LibreOffice) never wait on each other's profile lock.
 */
export async function convertXls(soffice: string | null, src: string, workDir: string, timeoutMs = XLS_TIMEOUT_MS): Promise<XlsOutcome> {
  if (!soffice) return { ok: false, message: XLS_REFUSED };
  await mkdir(workDir, { recursive: true });
  const outDir = join(workDir, 'out');
  const args = [
    `-env:UserInstallation=${pathToFileURL(join(workDir, 'profile')).href}`,
    '--headless', '--norestore', '--nolockcheck', '--convert-to', 'xlsx', '--outdir', outDir, src,
  ];
  const run = await runKilledAfter(soffice, args, timeoutMs, { ...process.env, HOME: workDir });
  if (run.timedOut) return { ok: false, message: `LibreOffice 转换 .xls 超时（${Math.ceil(timeoutMs / 1000)} 秒）` };
  const made = (await readdir(outDir).catch(() => [] as string[])).filter((n) => n.toLowerCase().endsWith('.xlsx'));
  if (run.code !== 0 || made.length !== 1) {
    const stderr = run.stderr.split('\n').map((l) => l.trim()).find((l) => l && !/javaldx/.test(l));
    const why = (stderr ?? (run.code !== 0 ? `退出码 ${run.code ?? run.signal}` : '没有生成 .xlsx 文件')).slice(0, 300);
    return { ok: false, message: `LibreOffice 无法转换此 .xls 文件：${why}` };
  }
  return { ok: true, path: join(outDir, made[0]) };
}

/**
 * Run a command in a process group of its own and kill the whole group when it overruns: `soffice` is a script
 * that starts the real program as its child, which killing the script alone would leave running.
 */
function runKilledAfter(cmd: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: string | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => { if (stderr.length < 10_000) stderr += d; });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.once('error', (err) => { clearTimeout(timer); resolve({ code: -1, signal: null, stderr: `无法启动 ${cmd}（${(err as NodeJS.ErrnoException).code ?? err.message}）`, timedOut }); });
    child.once('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stderr, timedOut }); });
  });
}
