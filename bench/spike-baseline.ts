import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { CapturedTransaction } from './spike-capture';

/**
 * The spike's baseline: the writes one organization's 3 saves, 1 upload and 1 submit made (as
 * PostgreSQL logged them), replayed with `pg` for other organizations' fresh drafts, each
 * transaction as BEGIN, the same statements with the same parameters (the organization's own ids,
 * new ids for new rows, the next reference number), COMMIT. No reads, no HTTP, no Node work between
 * statements: the database's own cost of the same work.
 */

/** Whose rows a replay writes: the captured organization's, or one of the fresh drafts. */
export interface ReplayIds {
  applicationId: string;
  organizationId: string;
  userId: string;
  email: string;
}

interface PlannedStatement {
  sql: string;
  params: Array<string | null>;
  /** Takes the next reference number: its result replaces the captured one in what follows. */
  takesReference: boolean;
  /** An UPDATE of one row, checked to have found it (the ids were substituted right). */
  updatesOneRow: boolean;
}

export interface ReplayPlan {
  transactions: PlannedStatement[][];
  captured: ReplayIds;
  /** Ids in the captured parameters that every organization shares (the call, the fund). */
  shared: Set<string>;
  referenceNumber: string;
  /**
   * The capture has the counter's statement (INSERT ... ON CONFLICT on reference_sequence): its
   * result makes each replayed reference number. Without it (a counter read by a SELECT, which the
   * log leaves out), each replay gets a unique number of its own so the UNIQUE column still takes it.
   */
  counted: boolean;
  /** The project's operations these writes stand for, per organization. */
  operations: number;
  summary: string;
  /** Each transaction's statements in short (`UPDATE application, INSERT audit_event`). */
  outline: string[];
}

export interface BaselineResult {
  concurrency: number;
  organizations: number;
  operationsPerSecond: number;
  transactionsPerSecond: number;
  ms: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The data-changing statements of the capture, transaction by transaction. */
export function replayPlan(captured: CapturedTransaction[], ids: ReplayIds, options: { shared: string[]; referenceNumber: string; operations: number }): ReplayPlan {
  const transactions = captured
    .map((transaction) =>
      transaction.statements
        .filter((statement) => /^(INSERT|UPDATE|DELETE)\b/i.test(statement.sql))
        .map((statement) => ({
          sql: statement.sql,
          params: statement.params,
          takesReference: /\breference_sequence\b/.test(statement.sql),
          updatesOneRow: /^UPDATE\b/i.test(statement.sql) && statement.params.includes(ids.applicationId),
        })),
    )
    .filter((statements) => statements.length > 0);
  const statements = transactions.flat();
  const kinds = (pattern: RegExp): number => statements.filter((statement) => pattern.test(statement.sql)).length;
  const counted = statements.some((statement) => statement.takesReference);
  return {
    transactions,
    captured: ids,
    shared: new Set(options.shared),
    referenceNumber: options.referenceNumber,
    counted,
    operations: options.operations,
    outline: transactions.map((statements) => statements.map((statement) => shortForm(statement.sql)).join(', ')),
    summary: `${transactions.length} transactions, ${statements.length} statements (${kinds(/^INSERT/i)} INSERT, ${kinds(/^UPDATE/i)} UPDATE, ${kinds(/^DELETE/i)} DELETE) for ${options.operations} operations`,
  };
}

/** `INSERT INTO "audit_event"(...) VALUES ...` -> `INSERT audit_event`. */
function shortForm(sql: string): string {
  const match = /^(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([a-z_]+)"?/i.exec(sql);
  return match ? `${match[1]!.split(/\s+/)[0]!.toUpperCase()} ${match[2]}` : sql.slice(0, 30);
}

/**
 * `count` new drafts, each with its own applicant and organization, copied row for row from an
 * untouched draft made through the API (so they look alike to PostgreSQL).
 */
export async function cloneDrafts(db: Pool, template: Omit<ReplayIds, 'email'>, count: number, label: string): Promise<ReplayIds[]> {
  const clone = (table: string, where: string, patch: Record<string, string>, args: unknown[]): Promise<unknown> =>
    db.query(`INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(t) || $1::jsonb)).* FROM ${table} t WHERE ${where}`, [JSON.stringify(patch), ...args]);
  const targets: ReplayIds[] = [];
  for (let index = 0; index < count; index++) {
    const ids: ReplayIds = { applicationId: randomUUID(), organizationId: randomUUID(), userId: randomUUID(), email: `baseline-${label}-${index}@bench.ontario.ca` };
    await clone('user_account', 't.id = $2', { id: ids.userId, email: ids.email }, [template.userId]);
    await clone('organization', 't.id = $2', { id: ids.organizationId, legal_name: `Baseline Services ${label} ${index + 1}` }, [template.organizationId]);
    await clone('organization_member', 't.organization_id = $2 AND t.user_id = $3', { organization_id: ids.organizationId, user_id: ids.userId }, [template.organizationId, template.userId]);
    await clone('application', 't.id = $2', { id: ids.applicationId, organization_id: ids.organizationId, created_by: ids.userId }, [template.applicationId]);
    targets.push(ids);
  }
  return targets;
}

/**
 * Every target's transactions in order, all targets at once, through a pool of `concurrency`
 * clients: as the API's requests take a pooled connection for each transaction.
 */
export async function replayBaseline(url: string, plan: ReplayPlan, targets: ReplayIds[], concurrency: number): Promise<BaselineResult> {
  const pool = new Pool({ connectionString: url, max: concurrency });
  pool.on('error', () => undefined);
  try {
    // Open the connections first: the API's pools are already open when the spike starts.
    const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
    clients.forEach((client) => client.release());
    let transactions = 0;
    const begin = performance.now();
    await Promise.all(
      targets.map(async (target) => {
        const substitute = substitution(plan, target);
        for (const statements of plan.transactions) {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            for (const statement of statements) {
              const result = await client.query(statement.sql, statement.params.map(substitute.param));
              if (statement.takesReference) substitute.reference(result.rows[0] as Record<string, unknown> | undefined);
              if (statement.updatesOneRow && result.rowCount !== 1) throw new Error(`the replayed statement updated ${result.rowCount} rows: ${statement.sql.slice(0, 120)}`);
            }
            await client.query('COMMIT');
            transactions++;
          } catch (error: unknown) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          } finally {
            client.release();
          }
        }
      }),
    );
    const ms = performance.now() - begin;
    return {
      concurrency,
      organizations: targets.length,
      operationsPerSecond: (targets.length * plan.operations) / (ms / 1000),
      transactionsPerSecond: transactions / (ms / 1000),
      ms,
    };
  } finally {
    await pool.end();
  }
}

/** Maps the captured organization's values to the target's: its ids, new ids for new rows, its reference number. */
function substitution(plan: ReplayPlan, target: ReplayIds): { param: (value: string | null) => string | null; reference: (row: Record<string, unknown> | undefined) => void } {
  const fixed = new Map<string, string>([
    [plan.captured.applicationId, target.applicationId],
    [plan.captured.organizationId, target.organizationId],
    [plan.captured.userId, target.userId],
  ]);
  const fresh = new Map<string, string>();
  let referenceNumber = plan.counted ? plan.referenceNumber : `${plan.referenceNumber}-${target.applicationId.slice(0, 8)}`;
  const param = (value: string | null): string | null => {
    if (value === null) return null;
    let replaced = value.replace(UUID, (id) => {
      const known = fixed.get(id);
      if (known) return known;
      if (plan.shared.has(id)) return id;
      let renewed = fresh.get(id);
      if (!renewed) fresh.set(id, (renewed = randomUUID()));
      return renewed;
    });
    if (replaced.includes(plan.captured.email)) replaced = replaced.split(plan.captured.email).join(target.email);
    if (replaced.includes(plan.referenceNumber)) replaced = replaced.split(plan.referenceNumber).join(referenceNumber);
    return replaced;
  };
  // The counter returns the number (its first column); it takes the place of the captured one's, padded alike (CBSF-2026-0001).
  const reference = (row: Record<string, unknown> | undefined): void => {
    const next = Number(Object.values(row ?? {})[0]);
    if (!Number.isSafeInteger(next)) throw new Error(`the replayed reference counter returned ${JSON.stringify(row)}`);
    referenceNumber = plan.referenceNumber.replace(/\d+$/, (digits) => String(next).padStart(digits.length, '0'));
  };
  return { param, reference };
}
