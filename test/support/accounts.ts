import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { PasswordHasher, Role } from '@grants/identity';
import { uniqueEmail } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

export interface TestUser {
  id: string;
  email: string;
  token: string;
  /** `Authorization` header to spread into supertest's `.set()`. */
  auth: { Authorization: string };
}

/** A verified account with the given roles, signed in through the real login route: one line per test. */
export async function signedInUser(app: INestApplication, roles: Role[] = ['applicant'], options: { panels?: string[]; locale?: 'en' | 'fr'; name?: string } = {}): Promise<TestUser> {
  passwordHash ??= app.get(PasswordHasher).hash(TEST_PASSWORD);
  const email = uniqueEmail(roles.at(-1) ?? 'user');
  const id = randomUUID();
  await app.get(DataSource).query(
    `INSERT INTO user_account (id, email, name, locale, password_hash, roles, panels, email_verified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
    [id, email, options.name ?? `Test ${roles.join(' ')}`, options.locale ?? 'en', await passwordHash, [...new Set<Role>(['applicant', ...roles])], options.panels ?? []],
  );
  const login = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  const token = (login.body as { accessToken: string }).accessToken;
  return { id, email, token, auth: { Authorization: `Bearer ${token}` } };
}

/** The one-time token carried by a link in an email. */
export function tokenIn(text: string): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no token link in: ${text}`);
  return match[1];
}

/** Signs an existing test user in on another app instance (e.g. one whose clock is set elsewhere). */
export async function signInOn(app: INestApplication, user: TestUser): Promise<{ Authorization: string }> {
  const login = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  return { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
}
