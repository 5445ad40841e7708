import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadConfigOrExit, startOrExit } from '@grants/core';
import { stopWithPrimary, superviseApiProcesses } from './api-cluster';
import { createApi } from './create-api';

startOrExit(async () => {
  const config = loadConfigOrExit(process.env);
  if (cluster.isPrimary && config.apiProcesses > 1) return superviseApiProcesses(config);
  if (cluster.isWorker) stopWithPrimary();
  const app = await createApi(config);
  await app.listen(config.port);
});
