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
  private next = 1;

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

  /** Start `work` in the background unless another job runs; returns the job, or null when busy. */
  start(kind: JobKind, user: string, at: string, work: (job: Job) => Promise<Record<string, unknown>>, finishedAt: () => string): Job | null {
    if (this.running()) return null;
    const job: Job = { id: this.next++, kind, user, status: 'running', started_at: at, finished_at: null, stage: '准备', fraction: 0, steps: [], result: null, error: null };
    this.jobs.set(job.id, job);
    const done = work(job).then(
      (result) => { job.status = 'done'; job.result = result; job.fraction = 1; job.stage = '完成'; },
      (err: unknown) => { job.status = 'failed'; job.error = err instanceof Error ? err.message : String(err); job.stage = '失败'; },
    ).finally(() => { job.finished_at = finishedAt(); });
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
    return job;
  }

  private readonly pending = new Set<Promise<void>>();

  /** Wait for running jobs (server shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
