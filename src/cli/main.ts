// The command line: parse arguments, call a command function, set the exit code. No logic lives here.
import { Command, Option } from 'commander';
import { FailureError } from '../contract/failure.ts';
import { exitWith } from './output.ts';
const DEFAULT_DB = 'yanpan.duckdb';
// Commands are loaded on use: `yanpan import` should not pay for the rules' modules, nor `--help` for DuckDB.
const importCommand = async (...a: Parameters<typeof import('./import.ts').importCommand>) => (await import('./import.ts')).importCommand(...a);
const rejectsCommand = async (...a: Parameters<typeof import('./history.ts').rejectsCommand>) => (await import('./history.ts')).rejectsCommand(...a);
const importsCommand = async (...a: Parameters<typeof import('./history.ts').importsCommand>) => (await import('./history.ts')).importsCommand(...a);
const analyzeCommand = async (...a: Parameters<typeof import('./analyze.ts').analyzeCommand>) => (await import('./analyze.ts')).analyzeCommand(...a);
const cal = async () => import('./calendar.ts');
const forecastCommand = async (...a: Parameters<typeof import('./forecast.ts').forecastCommand>) => (await import('./forecast.ts')).forecastCommand(...a);
const sampleCli = async () => import('./sample.ts');
const report = async () => import('./report.ts');
const riskCommand = async (...a: Parameters<typeof import('./risk.ts').riskCommand>) => (await import('./risk.ts')).riskCommand(...a);
const dailyCommand = async (...a: Parameters<typeof import('./daily.ts').dailyCommand>) => (await import('./daily.ts')).dailyCommand(...a);
const user = async () => import('./user.ts');
const ruleSettings = async () => import('./settings.ts');
const serveCommand = async (...a: Parameters<typeof import('./serve.ts').serveCommand>) => (await import('./serve.ts')).serveCommand(...a);
const auditVerify = async (...a: Parameters<typeof import('./audit.ts').auditVerify>) => (await import('./audit.ts')).auditVerify(...a);
const backupCli = async () => import('./backup.ts');
const demoCommand = async (...a: Parameters<typeof import('./demo.ts').demoCommand>) => (await import('./demo.ts')).demoCommand(...a);

// Output piped into a reader that stops early (`yanpan settings history | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw err; });

const program = new Command('yanpan')
  .description('研判 — 交警执法监督预警平台 (law-enforcement supervision analytics)')
  .showHelpAfterError()
  // Options belong to the command they follow: `sample import FILE --db X` gives --db to `import`, not to `sample`.
  .enablePositionalOptions()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

const db = () => new Option('--db <file>', '数据库文件 database file').default(DEFAULT_DB);

program.command('import')
  .description('导入一个数据目录 import a dataset folder (CSV/XLSX, UTF-8/GB18030)')
  .argument('<dir>', '数据目录 dataset folder')
  .addOption(db())
  .action(async (dir: string, o: { db: string }) => { process.exitCode = await importCommand(dir, o.db); });

program.command('rejects')
  .description('列出被拒收的行 list rejected rows as CSV (import,table,file,line,column,value,reason)')
  .addOption(db())
  .option('--import <n>', '导入批次号（默认最近一次）import id (default: latest)')
  .option('--out <file>', '写入文件（默认标准输出）write to file (default: stdout)')
  .action(async (o: { db: string; import?: string; out?: string }) => { process.exitCode = await rejectsCommand(o.db, o.import, o.out); });

program.command('imports')
  .description('导入历史 import history')
  .addOption(db())
  .action(async (o: { db: string }) => { process.exitCode = await importsCommand(o.db); });

program.command('analyze')
  .description('分析研判，输出预警 analyse a period and export warnings (JSON Lines)')
  .addOption(db())
  .requiredOption('--from <date>', '期间开始 period start YYYY-MM-DD')
  .requiredOption('--to <date>', '期间结束（含） period end, inclusive')
  .option('--as-of <date>', '判定基准日（默认今天；有导出日期时请传入导出日期） as-of date (default: today)')
  .requiredOption('--out <file>', '预警输出文件 warnings file (.jsonl)')
  .option('--settings <file>', '规则参数覆盖文件 JSON settings overrides')
  .option('--quiet', '不打印汇总 no summary')
  .action(async (o: { db: string; from: string; to: string; asOf?: string; out: string; settings?: string; quiet?: boolean }) => {
    process.exitCode = await analyzeCommand(o);
  });

const settingsCmd = program.command('settings').description('规则设置的版本：现行、历史、试算、采用 rule settings versions');
settingsCmd.command('show').description('现行规则设置 the settings in force').addOption(db())
  .action(async (o: { db: string }) => { process.exitCode = await (await ruleSettings()).settingsShow(o.db); });
settingsCmd.command('history').description('各版本：谁、何时、为何 every version').addOption(db())
  .action(async (o: { db: string }) => { process.exitCode = await (await ruleSettings()).settingsHistory(o.db); });
settingsCmd.command('diff').description('试算：按文件中的参数，最近一次分析的期间会增减哪些预警 what these figures would change')
  .argument('<file>', '规则参数文件（JSON，与 analyze --settings 相同） settings file')
  .addOption(db())
  .option('--from <date>', '期间开始（默认最近一次分析的期间） period start')
  .option('--to <date>', '期间结束（含） period end')
  .option('--as-of <date>', '判定基准日 as-of date')
  .action(async (file: string, o: { db: string; from?: string; to?: string; asOf?: string }) => {
    process.exitCode = await (await ruleSettings()).settingsDiff({ ...o, file });
  });
settingsCmd.command('adopt').description('采用文件中的参数，保存为新版本 adopt these figures as a new version')
  .argument('<file>', '规则参数文件（JSON） settings file')
  .requiredOption('--reason <text>', '修改原因 why')
  .addOption(db())
  .action(async (file: string, o: { db: string; reason: string }) => {
    process.exitCode = await (await ruleSettings()).settingsAdopt({ db: o.db, file, reason: o.reason });
  });

program.command('forecast')
  .description('形势研判：预测某月各单位事故数（80% 区间），或 --backtest 回测 forecast next month\'s accidents per unit')
  .addOption(db())
  .option('--month <YYYY-MM>', '预测月份（回测时为回测截止的下一月） month to forecast')
  .option('--out <file>', '预测输出文件 forecast file (.jsonl)')
  .option('--backtest', '滚动起点回测 rolling-origin backtest')
  .option('--months <n>', '回测月数 backtest months', '12')
  .option('--json <file>', '回测结果写为 JSON backtest result as JSON')
  .option('--truth <file>', '演示数据的 truth.json：回测同时给出模型 MAE ÷ 真实期望的 MAE the demo\'s truth.json (oracle MAE)')
  .action(async (o: { db: string; month?: string; out?: string; backtest?: boolean; months?: string; json?: string; truth?: string }) => {
    process.exitCode = await forecastCommand(o);
  });

program.command('report')
  .description('生成月度通报（Word） the monthly bulletin as .docx')
  .addOption(db())
  .requiredOption('--month <YYYY-MM>', '通报月份 month')
  .requiredOption('--out <file>', '输出文件 output .docx')
  .option('--as-of <date>', '成文日期，逾期判定基准（默认今天） issue date, overdue judged on it (default: today)')
  .action(async (o: { db: string; month: string; out: string; asOf?: string }) => { process.exitCode = await (await report()).reportCommand(o); });

program.command('report-settings')
  .description('查看或修改通报的发文机关和“下一步工作要求” show or change the bulletin\'s issuer and requirements text')
  .addOption(db())
  .option('--issuer <name>', '发文机关 issuing body')
  .option('--requirements <file>', '下一步工作要求（UTF-8 文本，一段一行） requirements text file')
  .action(async (o: { db: string; issuer?: string; requirements?: string }) => { process.exitCode = await (await report()).reportSettingsCommand(o); });

const calendar = program.command('calendar').description('工作日安排（法定节假日与调休） working-day calendar');
calendar.command('show')
  .description('列出某年的放假与调休安排 list a year\'s holidays and make-up working days')
  .addOption(db())
  .option('--year <y>', '年份 year')
  .action(async (o: { db: string; year?: string }) => { process.exitCode = await (await cal()).calendarShow(o.db, o.year); });
calendar.command('set')
  .description('设置某日为上班或放假（覆盖国务院安排） override a day: 班 (work) or 休 (rest)')
  .argument('<date>', '日期 YYYY-MM-DD')
  .argument('<kind>', '班 或 休')
  .option('--note <text>', '说明 note')
  .addOption(db())
  .action(async (date: string, kind: string, o: { db: string; note?: string }) => { process.exitCode = await (await cal()).calendarSet(o.db, date, kind, o.note); });
calendar.command('unset')
  .description('取消某日的管理员设置 remove an override')
  .argument('<date>', '日期 YYYY-MM-DD')
  .addOption(db())
  .action(async (date: string, o: { db: string }) => { process.exitCode = await (await cal()).calendarUnset(o.db, date); });

const sample = program.command('sample')
  .description('抽查：按单位分层随机抽取法律文书或执法视频，生成检查清单 draw a reproducible stratified spot-check sample (XLSX checklist)')
  .addOption(db())
  .option('--month <month>', '月份 YYYY-MM')
  .option('--kind <kind>', '抽查类型 documents（法律文书）或 videos（执法视频）')
  .option('--rate <rate>', '抽取比例，如 5%')
  .option('--min <n>', '每单位最少抽取条数（默认 3）')
  .option('--seed <s>', '随机种子（不指定则随机选定并记录）')
  .option('--out <file>', '检查清单 FILE.xlsx')
  .action(async (o: { db: string; month?: string; kind?: string; rate?: string; min?: string; seed?: string; out?: string }) => {
    const { month, kind, rate, out } = o;
    if (month === undefined || kind === undefined || rate === undefined || out === undefined) {
      const missing = (['month', 'kind', 'rate', 'out'] as const).filter((k) => o[k] === undefined);
      process.stderr.write(`缺少参数：${missing.map((k) => `--${k}`).join(' ')}\n`); process.exitCode = 2; return;
    }
    process.exitCode = await (await sampleCli()).sampleCommand({ ...o, month, kind, rate, out });
  });
sample.command('import')
  .description('导入填好的检查清单，不合格项生成督办事项 read a filled checklist back')
  .argument('<file>', '检查清单 FILE.xlsx')
  .addOption(db())
  .action(async (file: string, o: { db: string }) => { process.exitCode = await (await sampleCli()).sampleImportCommand(file, o.db); });
const users = program.command('user').description('用户管理（密码从标准输入读取） users (password on stdin)');
users.command('add')
  .description('添加用户 add a user')
  .argument('<name>', '用户名 username')
  .requiredOption('--role <role>', '角色 supervisor | brigade | admin')
  .option('--unit <code>', '单位代码（大队用户必填） unit code (brigade users)')
  .option('--display-name <name>', '姓名（可用汉字） display name')
  .option('--must-change', '首次登录时必须修改密码 must change the password at the first log-in')
  .addOption(db())
  .action(async (name: string, o: { db: string; role: string; unit?: string; displayName?: string; mustChange?: boolean }) => { process.exitCode = await (await user()).userAdd(name, o); });
users.command('list')
  .description('列出用户 list users')
  .addOption(db())
  .action(async (o: { db: string }) => { process.exitCode = await (await user()).userList(o); });
users.command('disable')
  .description('停用用户 disable a user (ends their sessions)')
  .argument('<name>', '用户名 username')
  .addOption(db())
  .action(async (name: string, o: { db: string }) => { process.exitCode = await (await user()).userDisable(name, o, true); });
users.command('enable')
  .description('重新启用用户 enable a user again')
  .argument('<name>', '用户名 username')
  .addOption(db())
  .action(async (name: string, o: { db: string }) => { process.exitCode = await (await user()).userDisable(name, o, false); });
users.command('passwd')
  .description('重设密码 set a new password (from stdin)')
  .argument('<name>', '用户名 username')
  .option('--must-change', '下次登录时必须修改密码 must change it at the next log-in')
  .addOption(db())
  .action(async (name: string, o: { db: string; mustChange?: boolean }) => { process.exitCode = await (await user()).userPasswd(name, o); });

program.command('serve')
  .description('启动控制台和接口服务 serve the console and the API')
  .option('--config <file>', '配置文件（如 /etc/yanpan/yanpan.conf）；同时给出的参数优先 configuration file; flags beside it win')
  .option('--db <file>', '数据库文件（默认：配置的 data_dir 下的 yanpan.duckdb，或当前目录的 yanpan.duckdb） database file')
  .option('--host <host>', '监听地址（默认 127.0.0.1） listen address')
  .option('--port <port>', '端口（默认 8080） port')
  .option('--public-url <url>', '用户访问的地址 the address users reach the server by')
  .option('--tls-cert <file>', 'TLS 证书（PEM） certificate')
  .option('--tls-key <file>', 'TLS 私钥（PEM） private key')
  .option('--inbox <dir>', '收件箱目录：放入其中的导出目录或 zip 自动导入并分析 a folder whose dropped exports are imported')
  .action(async (o: { config?: string; db?: string; host?: string; port?: string; publicUrl?: string; tlsCert?: string; tlsKey?: string; inbox?: string }) => {
    process.exitCode = await serveCommand(o);
  });

program.command('backup')
  .description('备份数据库、附件和审计锚点（服务运行时由服务器制作） back up the database, attachments and audit anchors')
  .option('--to <dir>', '备份存放目录（默认：数据目录下的 backups/） where the backup folder goes')
  .option('--config <file>', '配置文件 configuration file')
  .option('--db <file>', '数据库文件 database file')
  .action(async (o: { to?: string; config?: string; db?: string }) => { process.exitCode = await (await backupCli()).backupCommand(o); });

program.command('restore')
  .description('校验并恢复一份备份（被替换的数据另存） check a backup, then restore it (the replaced data kept aside)')
  .argument('<backup-dir>', '备份目录 backup folder')
  .option('--config <file>', '配置文件 configuration file')
  .option('--db <file>', '数据库文件 database file')
  .action(async (dir: string, o: { config?: string; db?: string }) => { process.exitCode = await (await backupCli()).restoreCommand(dir, o); });

program.command('audit')
  .description('审计日志 audit log')
  .command('verify')
  .description('校验审计日志与安全审计日志的哈希链 verify the hash chains of the audit log and the security log')
  .addOption(db())
  .option('--anchor <seq:hash...>', '此前记下的审计日志锚点（可多个） audit-log anchors noted down earlier')
  .option('--security-anchor <seq:hash...>', '此前记下的安全审计日志锚点（可多个） security-log anchors noted down earlier')
  .action(async (o: { db: string; anchor?: string[]; securityAnchor?: string[] }) => { process.exitCode = await auditVerify(o); });

program.command('daily')
  .description('每日调度：某日各单位执法无视频、视频超时上传、视频违规删除（含民警） one day of body-camera discipline per unit')
  .addOption(db())
  .requiredOption('--date <date>', '日期 YYYY-MM-DD')
  .option('--out <file>', '输出 FILE.html 或 FILE.xlsx（默认打印到终端）')
  .action(async (o: { db: string; date: string; out?: string }) => { process.exitCode = await dailyCommand(o); });

program.command('risk')
  .description('执法风险画像：每名民警的预警与投诉、风险分值与排名、逐月趋势 officer risk profile (CSV)')
  .addOption(db())
  .requiredOption('--from <date>', '期间开始 period start YYYY-MM-DD')
  .requiredOption('--to <date>', '期间结束（含） period end, inclusive')
  .option('--as-of <date>', '判定基准日（默认今天） as-of date')
  .requiredOption('--out <file>', '输出 FILE.csv')
  .option('--weights <file>', '风险权重覆盖文件（JSON，见 docs/RISK.md） risk weight overrides')
  .option('--settings <file>', '规则参数覆盖文件 JSON settings overrides')
  .option('--top <n>', '终端显示前 N 名（默认 10）')
  .action(async (o: { db: string; from: string; to: string; asOf?: string; out: string; weights?: string; settings?: string; top?: string }) => {
    process.exitCode = await riskCommand(o);
  });

program.command('demo')
  .description('生成演示支队数据并导入、分析、评估 generate a synthetic detachment, import, analyse and score it')
  .option('--dir <dir>', '数据目录 output folder', 'demo-data')
  .option('--scale <s>', '规模（1 = 一个城市一年，约 300 万条违法） scale (1 = a city-year)', '0.02')
  .option('--seed <n>', '随机种子 seed', '1')
  .option('--months <m>', '月数 months', '6')
  .addOption(new Option('--db <file>', '数据库文件 database file (default: DIR/yanpan.duckdb)'))
  .option('--gb18030 <tables>', '以 GB18030 编码写出的表（逗号分隔） tables written as GB18030', 'accidents,units')
  .option('--xlsx <tables>', '以 XLSX 写出的表 tables written as XLSX', 'devices')
  .option('--english-headers <tables>', '使用英文列名的表 tables with English headers', 'opinions,codes')
  .option('--serve', '完成后启动控制台（演示账户） then serve the console with demo log-ins')
  .option('--host <host>', '监听地址 listen address (with --serve)', '127.0.0.1')
  .option('--port <port>', '端口 port (with --serve)', '8080')
  .action(async (o: Record<string, string>) => {
    process.exitCode = await demoCommand(o);
    if (process.exitCode === 0 && o.serve) {
      const db = o.db ?? `${o.dir ?? 'demo-data'}/yanpan.duckdb`;
      process.exitCode = await (await import('./demo-serve.ts')).serveDemo({ db, host: o.host, port: o.port });
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Expected failures are reported by the commands themselves, or thrown as a FailureError (a stored setting
  // that no longer passes its checks) and said here by its kind; anything else is the environment (a database
  // locked by another process, a disk full) or a bug. Say it plainly; keep the stack for a bug report.
  if (err instanceof FailureError) process.exitCode = exitWith(err.failure);
  else {
    const e = err as Error;
    process.stderr.write(`错误：${e.message}\n`);
    if (process.env.YANPAN_DEBUG) process.stderr.write(`${e.stack ?? ''}\n`);
    process.exitCode = 1;
  }
}
