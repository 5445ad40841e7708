import { Client } from 'pg';

/**
 * What PostgreSQL logs with `log_statement = 'mod'`: each data-changing statement, its parameters,
 * and (through `%v` in the line prefix) the transaction it ran in. `bench:spike` turns this on while
 * one organization saves, uploads and submits, to replay the same writes with `pg` for its baseline.
 */

export interface CapturedStatement {
  /** The virtual transaction id: statements of one transaction share it. */
  vxid: string;
  pid: number;
  sql: string;
  params: Array<string | null>;
}

export interface CapturedTransaction {
  vxid: string;
  statements: CapturedStatement[];
}

/** A prefix nothing else in the log looks like. */
const PREFIX_OPEN = '\u00a7\u00a7';
const PREFIX = `${PREFIX_OPEN}%v|%p\u00a7 `;
const ENTRY = /\u00a7\u00a7([^|\u00a7]*)\|(\d+)\u00a7 ([A-Z]+):  /g;

/** Collects the server's log while a capture is on. */
export class StatementLog {
  private text = '';
  private on = false;

  /** For startEmbeddedPostgres's `log` option. */
  readonly sink = (chunk: string): void => {
    if (this.on) this.text += chunk;
  };

  async start(url: string): Promise<void> {
    this.text = '';
    this.on = true;
    await setServerLogging(url, { log_statement: 'mod', log_line_prefix: PREFIX });
  }

  /** Turns statement logging off and returns the statements, grouped by transaction in the order each began. */
  async stop(url: string): Promise<CapturedTransaction[]> {
    await setServerLogging(url, { log_statement: null, log_line_prefix: null });
    // The server writes the log asynchronously; a moment lets the last lines arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    this.on = false;
    return groupByTransaction(parseStatementLog(this.text));
  }
}

/** ALTER SYSTEM (null resets) and a reload; waits until a new session sees the settings. */
async function setServerLogging(url: string, settings: Record<string, string | null>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const [name, value] of Object.entries(settings)) {
      await client.query(value === null ? `ALTER SYSTEM RESET ${name}` : `ALTER SYSTEM SET ${name} = '${value.replace(/'/g, "''")}'`);
    }
    await client.query('SELECT pg_reload_conf()');
  } finally {
    await client.end();
  }
  // Backends re-read the configuration between commands, once the postmaster has signalled them.
  await new Promise((resolve) => setTimeout(resolve, 500));
}

export function parseStatementLog(text: string): CapturedStatement[] {
  const statements: CapturedStatement[] = [];
  const entries: Array<{ vxid: string; pid: number; kind: string; body: string }> = [];
  const matches = [...text.matchAll(ENTRY)];
  matches.forEach((match, index) => {
    const end = index + 1 < matches.length ? matches[index + 1]!.index : text.length;
    entries.push({ vxid: match[1]!, pid: Number(match[2]), kind: match[3]!, body: text.slice(match.index + match[0].length, end).replace(/\n$/, '') });
  });
  for (const entry of entries) {
    if (entry.kind === 'LOG') {
      const statement = /^(?:statement|execute [^:]*): ([\s\S]*)$/.exec(entry.body);
      if (statement) statements.push({ vxid: entry.vxid, pid: entry.pid, sql: statement[1]!.trim(), params: [] });
    } else if (entry.kind === 'DETAIL' && entry.body.startsWith('Parameters: ')) {
      const last = [...statements].reverse().find((statement) => statement.pid === entry.pid);
      if (last) last.params = parseParameters(entry.body.slice('Parameters: '.length));
    }
  }
  return statements;
}

/** `$1 = 'text', $2 = NULL` (quotes doubled inside values). */
export function parseParameters(text: string): Array<string | null> {
  const params: Array<string | null> = [];
  for (const match of text.matchAll(/\$(\d+) = (NULL|'((?:[^']|'')*)')/g)) {
    params[Number(match[1]) - 1] = match[2] === 'NULL' ? null : match[3]!.replace(/''/g, "'");
  }
  return params;
}

function groupByTransaction(statements: CapturedStatement[]): CapturedTransaction[] {
  const transactions = new Map<string, CapturedTransaction>();
  for (const statement of statements) {
    // A statement outside a transaction block still has a vxid of its own; the pid keeps two backends apart.
    const key = `${statement.pid}/${statement.vxid}`;
    const transaction = transactions.get(key) ?? { vxid: key, statements: [] };
    transaction.statements.push(statement);
    transactions.set(key, transaction);
  }
  return [...transactions.values()];
}
