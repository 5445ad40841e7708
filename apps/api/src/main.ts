import 'reflect-metadata';
import { loadConfigOrExit } from '@grants/core';
import { createApi } from './create-api';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const app = await createApi(config);
  await app.listen(config.port);
}

void bootstrap();
