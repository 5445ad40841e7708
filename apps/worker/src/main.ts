import 'reflect-metadata';
import { loadConfigOrExit, startOrExit } from '@grants/core';
import { createWorker } from './create-worker';

startOrExit(() => createWorker(loadConfigOrExit(process.env)));
