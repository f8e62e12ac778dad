// Imports and analyses started from the console run inside the server process, one at a time (they
// write the same tables), on their own database connection so the API keeps answering meanwhile.
// Their progress lives here, readable while they run.
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
    void done.finally(() => this.pending.delete(done));
    return job;
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
