import { SetMetadata } from '@nestjs/common';

export const QUEUE_NAMES = ['notifications', 'scheduled', 'documents'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export type PayloadClass<P> = new () => P;

/**
 * A kind of background work: its name, the queue it runs on and the class that validates its
 * payload when it crosses from the database into the worker. Domain libs define them; the
 * worker's job catalog lists them all, and its boot fails if one has no handler.
 */
export interface JobDefinition<P extends object = object> {
  readonly name: string;
  readonly queue: QueueName;
  readonly payload: PayloadClass<P>;
  /** Tries before a job is left failed (visible, never dropped). */
  readonly attempts: number;
  /** Scheduled work: the worker runs the job on this interval (no outbox row, no payload). */
  readonly everyMs?: number;
}

export function defineJob<P extends object>(
  name: string,
  queue: QueueName,
  payload: PayloadClass<P>,
  options: { attempts?: number; everyMs?: number } = {},
): JobDefinition<P> {
  if (name.includes(':') || name.includes('/')) {
    throw new Error(`Job name ${name} may not contain ':' or '/'`);
  }
  return { name, queue, payload, attempts: options.attempts ?? 8, everyMs: options.everyMs };
}

export type PayloadOf<D> = D extends JobDefinition<infer P> ? P : never;

export interface JobContext {
  /** The deterministic job id, `<job name>/<key>`: the same work always has the same id. */
  jobId: string;
  attempt: number;
}

export interface JobHandler<P extends object> {
  handle(payload: P, context: JobContext): Promise<void>;
}

export const JOB_HANDLER_METADATA = 'grants:job-handler';

/** Marks a provider as the handler of one job; the worker discovers it at boot. */
export const HandlesJob = (definition: JobDefinition): ClassDecorator => SetMetadata(JOB_HANDLER_METADATA, definition);

/** BullMQ reserves ':' in ids, so the key's parts are joined with '/'. */
export function jobIdFor(definition: JobDefinition, key: string): string {
  if (key.length === 0 || key.includes(':')) {
    throw new Error(`Job key "${key}" must be non-empty and may not contain ':'`);
  }
  return `${definition.name}/${key}`;
}
