// `kubectl get jobs` and `cronjobs` rows, after upstream printJob (STATUS, COMPLETIONS,
// DURATION since v1.30) and printCronJob.
import type { Job } from '../../controllers/job.ts';
import type { KObject, LabelSelector, PodTemplateSpec } from '../../api/types.ts';
import { humanDuration, since } from '../duration.ts';
import { formatLabelSelector } from '../labelFormat.ts';
import type { Printer, RowContext } from '../table.ts';
import { WIDE_TEMPLATE_COLUMNS, containerCells } from './template.ts';

/** hasJobCondition: the first condition of that type decides. */
const hasCondition = (job: Job, type: string): boolean => job.status?.conditions?.find((c) => c.type === type)?.status === 'True';

function jobStatus(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const want = job.spec.completions;
  if (want !== undefined && want !== null) return `${succeeded}/${want}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Running time so far, or start to completion; empty before the job starts. */
function duration(job: Job, now: number): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now;
  return humanDuration(end - Date.parse(start));
}

export const jobPrinter: Printer<Job> = {
  columns: [{ name: 'Name' }, { name: 'Status' }, { name: 'Completions' }, { name: 'Duration' }, { name: 'Age' }, ...WIDE_TEMPLATE_COLUMNS],
  cells(job: Job, ctx: RowContext): string[] {
    return [
      job.metadata.name, jobStatus(job), completions(job), duration(job, ctx.now), since(job.metadata.creationTimestamp, ctx.now),
      ...containerCells(job.spec.template.spec.containers), formatLabelSelector(job.spec.selector),
    ];
  },
};

/** batch/v1 CronJob: kept and printed, not run by the simulator. */
export interface CronJob extends KObject {
  kind: 'CronJob';
  spec: {
    schedule: string;
    timeZone?: string;
    suspend?: boolean;
    jobTemplate: { spec: { selector?: LabelSelector; template: PodTemplateSpec } };
  };
  status?: { active?: unknown[]; lastScheduleTime?: string };
}

export const cronJobPrinter: Printer<CronJob> = {
  columns: [
    { name: 'Name' }, { name: 'Schedule' }, { name: 'Timezone' }, { name: 'Suspend' }, { name: 'Active' },
    { name: 'Last Schedule' }, { name: 'Age' }, ...WIDE_TEMPLATE_COLUMNS,
  ],
  cells(cj: CronJob, ctx: RowContext): string[] {
    const last = cj.status?.lastScheduleTime;
    const job = cj.spec.jobTemplate?.spec;
    return [
      // The API server defaults suspend to false; printBoolPtr prints True/False.
      cj.metadata.name, cj.spec.schedule, cj.spec.timeZone ?? '<none>', cj.spec.suspend ? 'True' : 'False',
      String(cj.status?.active?.length ?? 0), last ? since(last, ctx.now) : '<none>', since(cj.metadata.creationTimestamp, ctx.now),
      ...containerCells(job?.template?.spec?.containers ?? []), formatLabelSelector(job?.selector),
    ];
  },
};
