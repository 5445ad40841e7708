import 'reflect-metadata';
import { loadConfigOrExit, startOrExit } from '@grants/core';
import { createApi } from './create-api';

startOrExit(async () => {
  const config = loadConfigOrExit(process.env);
  const app = await createApi(config);
  await app.listen(config.port);
});
