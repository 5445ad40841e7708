import 'reflect-metadata';
import { loadConfigOrExit } from '@grants/core';
import { createWorker } from './create-worker';

void createWorker(loadConfigOrExit(process.env));
