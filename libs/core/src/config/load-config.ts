import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig, envNameOf } from './app-config';

export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    heading = 'Invalid configuration',
  ) {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const PRODUCTION_REFUSAL = 'Refusing to start with NODE_ENV=production';

/**
 * Reads and validates the environment into a typed AppConfig, or throws a ConfigError naming
 * every variable that is missing or malformed. Values are never echoed: URLs carry passwords.
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(AppConfig, present, { excludeExtraneousValues: true, exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(errors.map(describe));
  }
  if (config.jobStalledCheckMs >= config.jobLockMs) {
    throw new ConfigError(['JOB_STALLED_CHECK_MS must be shorter than JOB_LOCK_MS, or a live worker\'s jobs are taken for stalled']);
  }
  if (config.isProduction) {
    const problems = productionProblems(config, new Set(Object.keys(present)));
    if (problems.length > 0) throw new ConfigError(problems, PRODUCTION_REFUSAL);
  }
  return config;
}

/** The embedded PostgreSQL of `npm start` (scripts/services/postgres.ts). */
const EMBEDDED_DATABASE_PASSWORD = 'postgres';
/** MailDev, the demo's mail catcher, listens on this SMTP port of the loopback (scripts/services/maildev.ts). */
const MAIL_CATCHER_PORT = '1025';
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
/** Domains that are nobody's (RFC 2606 and 6761): an address there reaches no one. */
const PLACEHOLDER_DOMAIN = /(^|\.)(localhost|example|test|invalid|local)$|(^|\.)example\.(com|org|net)$/i;
/** 555-0100 to 555-0199 are the North American numbers reserved for fiction. */
const PLACEHOLDER_PHONE = /555[ .-]?01\d\d$/;

/**
 * What production refuses although it is well-formed: a default or placeholder that is fine on a
 * laptop (`npm start`) and wrong for real people. Each names the variable and never its value.
 */
function productionProblems(config: AppConfig, set: Set<string>): string[] {
  const problems: string[] = [];
  if (!set.has('CSRF_SECRET')) {
    problems.push('CSRF_SECRET is not set: the default is made up at each start, so forms break on a restart and across API processes; set a random secret of at least 32 characters');
  }
  if (!config.appUrl.startsWith('https://')) problems.push('APP_URL must be the public https address (links in emails, Secure cookies)');
  else if (LOOPBACK_HOSTS.has(new URL(config.appUrl).hostname)) problems.push('APP_URL must be the public address, not localhost');
  const database = new URL(config.databaseUrl);
  if (database.password === '' || decodeURIComponent(database.password) === EMBEDDED_DATABASE_PASSWORD) {
    problems.push('DATABASE_URL has no password or the embedded demo database\'s default one; give the database user a password of its own');
  }
  const smtp = new URL(config.smtpUrl);
  if (LOOPBACK_HOSTS.has(smtp.hostname) && (smtp.port || '25') === MAIL_CATCHER_PORT) {
    problems.push('SMTP_URL is the demo mail catcher (MailDev on port 1025), which delivers to no one; set the real mail server');
  }
  if (PLACEHOLDER_DOMAIN.test(domainOf(config.mailFromFor('en').address))) problems.push('MAIL_FROM must be a real sender address (the default or a placeholder domain is set)');
  if (PLACEHOLDER_DOMAIN.test(domainOf(config.officeContactEmail))) problems.push('OFFICE_CONTACT_EMAIL must be the program office\'s real address (the default or a placeholder domain is set)');
  if (PLACEHOLDER_PHONE.test(config.officeContactPhone)) problems.push('OFFICE_CONTACT_PHONE must be the program office\'s real telephone (the default 555-01xx number is fictional)');
  return problems;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).trim();
}

function describe(error: ValidationError): string {
  const name = envNameOf(error.property);
  if (error.value === undefined) {
    return `${name} is required`;
  }
  const reasons = Object.values(error.constraints ?? {}).map((message) =>
    message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
  );
  return `${name} ${[...new Set(reasons)].join('; ')}`;
}

/** Entry points call this first: a bad configuration stops the process with a readable message. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv): AppConfig {
  try {
    return loadConfig(env);
  } catch (error: unknown) {
    exitOnConfigError(error);
    throw error;
  }
}

/**
 * An entry point's start: a refusal found once connected (demo accounts in a production database)
 * stops the process as a bad configuration does, with its message and EX_CONFIG.
 */
export function startOrExit(start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    exitOnConfigError(error);
    throw error;
  });
}

function exitOnConfigError(error: unknown): void {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}
