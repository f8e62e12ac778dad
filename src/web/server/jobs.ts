// Imports and analyses started from the console run inside the server process, one at a time (they
// write the same tables), on their own database connection so the API keeps answering meanwhile.
// Their progress lives here, readable while they run.
import { failure, type Failure } from '../../contract/failure.ts';

export type JobKind = 'import' | 'run';
export type JobStatus = 'running' | 'done' | 'failed';

export interface Job {
  readonly id: number;
  readonly kind: JobKind;
  readonly user: string;
  status: JobStatus;
  readonly started_at: string;
  finished_at: string | null;
  /** What is happening now, in Chinese, for the page. */
  stage: string;
  /** 0–1 overall. */
  fraction: number;
  /** Per-step details (e.g. one entry per imported file). */
  steps: { name: string; status: 'running' | 'done' | 'failed'; detail: string; fraction: number }[];
  result: Record<string, unknown> | null;
  error: string | null;
}

export class JobRegistry {
  private readonly jobs = new Map<number, Job>();
  private readonly controllers = new Map<number, AbortController>();
  private next = 1;

  /** `log` gets one line when a job starts and one when it ends (the server's standard output). */
  constructor(private readonly log: (line: string) => void = () => undefined) {}

  running(): Job | undefined {
    return [...this.jobs.values()].find((j) => j.status === 'running');
  }

  get(id: number, kind: JobKind): Job | undefined {
    const j = this.jobs.get(id);
    return j && j.kind === kind ? j : undefined;
  }

  list(kind: JobKind): Job[] {
    return [...this.jobs.values()].filter((j) => j.kind === kind).sort((a, b) => b.id - a.id);
  }

  /**
   * Start `work` in the background unless another job runs; returns the job, or null when busy. `signal`
   * aborts when the server stops: the work's store then refuses further statements (cancellableStore).
   */
  start(kind: JobKind, user: string, at: string, work: (job: Job, signal: AbortSignal) => Promise<Record<string, unknown>>, finishedAt: () => string): Job | null {
    if (this.running()) return null;
    const job: Job = { id: this.next++, kind, user, status: 'running', started_at: at, finished_at: null, stage: '准备', fraction: 0, steps: [], result: null, error: null };
    this.jobs.set(job.id, job);
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    const t0 = Date.now();
    this.log(`job ${kind} #${job.id} started user=${user}`);
    const done = Promise.resolve().then(() => work(job, controller.signal)).then(
      (result) => { job.status = 'done'; job.result = result; job.fraction = 1; job.stage = '完成'; },
      (err: unknown) => { job.status = 'failed'; job.error = err instanceof Error ? err.message : String(err); job.stage = '失败'; },
    ).finally(() => {
      job.finished_at = finishedAt();
      this.controllers.delete(job.id);
      // The outcome only: an error names a file or a step, never a record's values.
      const why = job.error ? ` error=${JSON.stringify(job.error.slice(0, 200))}` : '';
      this.log(`job ${kind} #${job.id} ${job.status} ${Date.now() - t0}ms user=${user}${why}`);
    });
    this.pending.add(done);
    this.finishing.set(job.id, done);
    void done.finally(() => { this.pending.delete(done); this.finishing.delete(job.id); });
    return job;
  }

  private readonly finishing = new Map<number, Promise<void>>();

  /** Settles when the job ends (at once for a job not running). */
  async whenDone(id: number): Promise<void> {
    await this.finishing.get(id);
  }

  /** Call off every running job (server shutdown): each rolls back what it had not committed. */
  cancelAll(reason: string): void {
    for (const c of this.controllers.values()) c.abort(new Error(reason));
  }

  private readonly pending = new Set<Promise<void>>();

  /** Wait for running jobs (server shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}

/** At most this much analysis-sized work at a time: per user, and in all (issue: expensive work on demand). */
export const WORK_LIMITS = { perUser: 1, total: 2 } as const;

/** Beyond the limits a slot is refused as `too-many`: it may work once a running job ends. */
export type Slot = { ok: true; release: () => void } | Failure;

/**
 * The slots of analysis-sized work (risk periods, the daily report, the bulletin, analyses, imports, samples):
 * a route declared `expensive` takes one for its user before its handler runs, and gives it back when the
 * answer is made, or when the background job it started ends. Beyond the limits the answer is 429.
 */
export class WorkLimiter {
  private readonly byUser = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: { perUser: number; total: number } = WORK_LIMITS) {}

  acquire(user: string): Slot {
    const mine = this.byUser.get(user) ?? 0;
    if (mine >= this.limits.perUser) return failure('too-many', '您已有一项统计分析类任务（风险画像、每日调度、通报、分析、导入或抽查）正在进行，请等它完成后再试');
    if (this.total >= this.limits.total) return failure('too-many', `服务器正忙：已有 ${this.total} 项统计分析类任务正在进行，请稍后再试`);
    this.byUser.set(user, mine + 1);
    this.total++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const n = (this.byUser.get(user) ?? 1) - 1;
        if (n > 0) this.byUser.set(user, n); else this.byUser.delete(user);
      },
    };
  }

  /** Slots taken now (tests). */
  inUse(): number {
    return this.total;
  }
}
