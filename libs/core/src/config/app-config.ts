import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import 'reflect-metadata';
import { Expose, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { Transform } from 'class-transformer';
import type { OfficialLanguage } from '../i18n/format';

const ENV_NAMES = new Map<string, string>();

/** How many proxies sit in front of the API, or their addresses and CIDR ranges (Express's `trust proxy`). */
export type TrustProxy = number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const TRUST_PROXY_MESSAGE =
  'must be a number of proxy hops such as 1, or the proxies\' addresses or CIDR ranges separated by commas such as 10.0.0.5,192.168.0.0/16 (never true: that trusts any sender)';

function parseTrustProxy(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value === 'false') return 0;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  return value.split(',').map((entry) => entry.trim());
}

/** An address, a CIDR range (address/prefix) or one of Express's names (loopback, linklocal, uniquelocal). */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** Shortest prefixes accepted: a broader range (0.0.0.0/0 and ::/0 above all) would trust nearly any sender's X-Forwarded-For. */
const MIN_PREFIX = { 4: 8, 6: 16 } as const;

/** The entries that are ranges broader than MIN_PREFIX. */
function tooBroad(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((entry): entry is string => {
    if (typeof entry !== 'string') return false;
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    return prefix !== undefined && (family === 4 || family === 6) && Number(prefix) < MIN_PREFIX[family];
  });
}

function IsTrustProxy(): PropertyDecorator {
  return ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) =>
        (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10) ||
        (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string' && isProxyAddress(entry)) && tooBroad(value).length === 0),
      defaultMessage: (args) => {
        const broad = tooBroad(args?.value);
        return broad.length === 0
          ? TRUST_PROXY_MESSAGE
          : `must not trust ${broad.join(', ')}: a range shorter than /8 (IPv4) or /16 (IPv6), and 0.0.0.0/0 or ::/0 above all, trusts nearly every sender, so anyone could forge X-Forwarded-For; name the proxies' addresses or a narrower range`;
      },
    },
  });
}

/** Binds a config property to the environment variable it is read from. */
function Env(name: string): PropertyDecorator {
  return (target, propertyKey) => {
    ENV_NAMES.set(String(propertyKey), name);
    Expose({ name })(target, propertyKey);
  };
}

export function envNameOf(property: string): string {
  return ENV_NAMES.get(property) ?? property;
}

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

const PORT_MESSAGE = 'must be a port number from 1 to 65535';
const POLL_MESSAGE = 'must be a whole number of milliseconds from 10 to 60000';
const URL_OPTIONS = { require_tld: false, require_protocol: true } as const;
/** `grants@example.org` or `Display Name <grants@example.org>`. */
const MAIL_FROM_PATTERN = /^\s*(?:[^\s<>@]+@[^\s<>@]+|"?[^"<>]*"?\s*<[^\s<>@]+@[^\s<>@]+>)\s*$/;

/** The program office, as people are told to reach it. */
export interface OfficeContact {
  email: string;
  phone: string;
}

/**
 * Everything the processes read from the environment, validated once at boot (see loadConfig).
 * Nothing else in the code base reads process.env.
 */
export class AppConfig {
  @Env('NODE_ENV')
  @IsIn(NODE_ENVS, { message: `must be one of ${NODE_ENVS.join(', ')}` })
  nodeEnv: NodeEnv = 'development';

  @Env('PORT')
  @Type(() => Number)
  @IsInt({ message: PORT_MESSAGE })
  @Min(1, { message: PORT_MESSAGE })
  @Max(65535, { message: PORT_MESSAGE })
  port = 3000;

  /** How many API processes share the port (Node's cluster); one per core unless set. */
  @Env('API_PROCESSES')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of processes from 1 to 64' })
  @Min(1, { message: 'must be a whole number of processes from 1 to 64' })
  @Max(64, { message: 'must be a whole number of processes from 1 to 64' })
  apiProcesses = availableParallelism();

  @Env('APP_URL')
  @IsUrl({ ...URL_OPTIONS, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL such as http://localhost:3000' })
  appUrl = 'http://localhost:3000';

  @Env('DATABASE_URL')
  @IsUrl(
    { ...URL_OPTIONS, protocols: ['postgres', 'postgresql'] },
    { message: 'must be a PostgreSQL URL such as postgres://user:password@localhost:5432/grants' },
  )
  databaseUrl!: string;

  @Env('REDIS_URL')
  @IsUrl({ ...URL_OPTIONS, protocols: ['redis', 'rediss'] }, { message: 'must be a Redis URL such as redis://localhost:6379' })
  redisUrl!: string;

  /**
   * Signs the web forms' CSRF tokens. Generated at start when not set, which is fine for one API
   * process; several processes behind a load balancer must share one (set it).
   */
  @Env('CSRF_SECRET')
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  csrfSecret = randomBytes(32).toString('hex');

  /** Namespaces the queues and the rate-limit counters, so environments (or test databases) can share one Redis. */
  @Env('QUEUE_PREFIX')
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'must be 1 to 40 letters, digits, - or _' })
  queuePrefix = 'bull';

  @Env('SMTP_URL')
  @IsUrl({ ...URL_OPTIONS, protocols: ['smtp', 'smtps'] }, { message: 'must be an SMTP URL such as smtp://user:password@mail.example.org:587' })
  smtpUrl!: string;

  /** The sender of every email: its display name is the English one; French emails use MAIL_FROM_NAME_FR with the same address. */
  @Env('MAIL_FROM')
  @IsString()
  @Matches(MAIL_FROM_PATTERN, { message: 'must be an address, or a display name and an address, such as Grants <grants@example.org>' })
  mailFrom = 'Ontario Anti-Human Trafficking Grants <grants@localhost>';

  @Env('MAIL_FROM_NAME_FR')
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  mailFromNameFr = 'Subventions de l’Ontario pour la lutte contre la traite des personnes';

  /** How people reach the program office: shown in every page's footer, in emails and letters. */
  @Env('OFFICE_CONTACT_EMAIL')
  @IsEmail({ require_tld: false }, { message: 'must be an email address' })
  officeContactEmail = 'grants-office@localhost';

  @Env('OFFICE_CONTACT_PHONE')
  @Matches(/^[0-9+() .-]{7,30}$/, { message: 'must be a telephone number such as 416-555-0100 or 1-800-555-0100' })
  officeContactPhone = '416-555-0100';

  @Env('LOG_LEVEL')
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' })
  logLevel = 'info';

  /** How often the worker moves outbox rows into the queues, in milliseconds. */
  @Env('OUTBOX_POLL_MS')
  @Type(() => Number)
  @IsInt({ message: POLL_MESSAGE })
  @Min(10, { message: POLL_MESSAGE })
  @Max(60_000, { message: POLL_MESSAGE })
  outboxPollMs = 500;

  /** How often a worker checks that the queue still holds the work the outbox relayed (after Redis lost its data), in milliseconds. */
  @Env('OUTBOX_RECONCILE_MS')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100, { message: 'must be at least 100' })
  @Max(600_000, { message: 'must be at most 600000 (ten minutes)' })
  outboxReconcileMs = 15_000;

  /** The first retry of a failed job waits this long, in milliseconds; each next one twice as long. */
  @Env('JOB_BACKOFF_MS')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(10, { message: 'must be at least 10' })
  jobBackoffMs = 5000;

  /**
   * A worker holds a job's lock this long between renewals; when a worker dies, its jobs are
   * taken up by another within about this time plus JOB_STALLED_CHECK_MS.
   */
  @Env('JOB_LOCK_MS')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(2000, { message: 'must be at least 2000' })
  @Max(600_000, { message: 'must be at most 600000 (ten minutes)' })
  jobLockMs = 10_000;

  /** How often workers look for jobs whose worker died, in milliseconds; shorter than JOB_LOCK_MS. */
  @Env('JOB_STALLED_CHECK_MS')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(500, { message: 'must be at least 500' })
  jobStalledCheckMs = 5000;

  /** Worker threads a process sets PDF letters and submissions in, each with its own copy of the fonts (about 50 MB); one per core by default. */
  @Env('RENDER_THREADS')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(64, { message: 'must be at most 64' })
  renderThreads = availableParallelism();

  /**
   * A bearer token that opens GET /metrics (Prometheus text format) to a monitoring system; when it
   * is not set the endpoint answers 404, since its figures are not for the public.
   */
  @Env('METRICS_TOKEN')
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'must be at least 24 characters' })
  metricsToken?: string;

  /**
   * A web session ends after this many seconds without a request; pages warn before it ends and
   * offer to stay signed in. Short values are for tests of that warning.
   */
  @Env('WEB_IDLE_SECONDS')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(20, { message: 'must be at least 20' })
  @Max(86_400, { message: 'must be at most 86400 (a day)' })
  webIdleSeconds = 30 * 60;

  /** A web session ends this many hours after signing in, however active: the next page asks to sign in again. */
  @Env('WEB_SESSION_MAX_HOURS')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of hours' })
  @Min(1, { message: 'must be at least 1' })
  @Max(168, { message: 'must be at most 168 (a week)' })
  webSessionMaxHours = 12;

  /**
   * An officer's export of up to this many rows is sent at once; a larger one is built in the
   * background by the worker, its progress shown, and downloaded when ready.
   */
  @Env('EXPORT_INLINE_ROWS')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of rows' })
  @Min(0, { message: 'must be at least 0' })
  @Max(1_000_000, { message: 'must be at most 1000000' })
  exportInlineRows = 2000;

  /** Requests per minute from one address to each route. */
  @Env('RATE_LIMIT_PER_MINUTE')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  rateLimitPerMinute = 300;

  /**
   * Requests per minute from one address to sign-in, registration, verification and password reset,
   * all of them together, through the API and the pages alike.
   */
  @Env('AUTH_RATE_LIMIT_PER_MINUTE')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  authRateLimitPerMinute = 10;

  /**
   * Invitations one organization may send in any 24 hours, revoked and replaced ones included:
   * each is an email to an address of the owner's choosing, so this bounds what one account can send.
   */
  @Env('INVITATIONS_PER_ORGANIZATION_PER_DAY')
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(1000, { message: 'must be at most 1000' })
  invitationsPerOrganizationPerDay = 20;

  /**
   * Which proxies' X-Forwarded-For gives the client address (rate limits, logs): a number of hops
   * in front of the API, or the proxies' addresses and CIDR ranges. Never every sender: whoever
   * could then name their own address would reset their rate limits at will.
   */
  @Env('TRUST_PROXY')
  @Transform(({ value }) => parseTrustProxy(value))
  @IsTrustProxy()
  trustProxy: TrustProxy = 0;

  /** Local data (uploaded files when no bucket is configured). */
  @Env('DATA_DIR')
  @IsString()
  @MinLength(1)
  dataDir = '.data';

  /** Store uploaded files in this S3-compatible bucket instead of DATA_DIR/files. */
  @Env('S3_BUCKET')
  @IsOptional()
  @IsString()
  s3Bucket?: string;

  @Env('S3_REGION')
  @IsString()
  s3Region = 'ca-central-1';

  /** For S3-compatible services other than AWS, e.g. http://minio.internal:9000 (path-style addressing). */
  @Env('S3_ENDPOINT')
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  s3Endpoint?: string;

  get officeContact(): OfficeContact {
    return { email: this.officeContactEmail, phone: this.officeContactPhone };
  }

  /** The sender of an email in this language: the display name changes, the address never does. */
  mailFromFor(locale: OfficialLanguage): { name: string; address: string } {
    const [, name = '', address = this.mailFrom] = /^\s*(?:"?([^"<>]*?)"?\s*<([^<>]+)>)?\s*$/.exec(this.mailFrom) ?? [];
    return { name: locale === 'fr' ? this.mailFromNameFr : name.trim(), address: address.trim() };
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }
}
