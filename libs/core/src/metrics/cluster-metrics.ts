import cluster from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';

export const CLUSTER_METRICS_REQUEST = 'grants:cluster-metrics';
export const CLUSTER_METRICS_REPLY = 'grants:cluster-metrics-reply';
const REPLY_TIMEOUT_MS = 5_000;

let nextRequest = 0;

/** In a process of the API's cluster, makes this registry's figures part of what the primary adds up. */
export function shareWithCluster(registry: Registry): void {
  if (!cluster.isWorker) return;
  new AggregatorRegistry(); // sets up this process's answer to the primary's requests
  AggregatorRegistry.setRegistries([registry]);
}

/**
 * Every API process's own figures added together (requests by route, CPU, memory), asked of the
 * primary, so a scrape reads the whole API whichever process it lands on; null outside a cluster.
 */
export function clusterMetrics(): Promise<string> | null {
  if (!cluster.isWorker || !process.send) return null;
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('the API primary did not answer with the metrics')), REPLY_TIMEOUT_MS);
    const onMessage = (message: unknown): void => {
      const reply = message as { type?: unknown; id?: unknown; text?: string; error?: string };
      if (reply?.type !== CLUSTER_METRICS_REPLY || reply.id !== id) return;
      finish(reply.error === undefined ? null : new Error(reply.error), reply.text);
    };
    const finish = (error: Error | null, text?: string): void => {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (error) reject(error);
      else resolve(text ?? '');
    };
    process.on('message', onMessage);
    process.send!({ type: CLUSTER_METRICS_REQUEST, id });
  });
}
