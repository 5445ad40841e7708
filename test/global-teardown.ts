import { rm } from 'node:fs/promises';

interface Stoppable {
  stop(): Promise<void>;
}

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __services__?: Record<string, Stoppable> }).__services__;
  if (services) {
    await Promise.allSettled(Object.values(services).map((service) => service.stop()));
  }
  if (process.env.TEST_BASE_DIR) await rm(process.env.TEST_BASE_DIR, { recursive: true, force: true });
}
