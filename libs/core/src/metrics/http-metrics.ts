import { performance } from 'node:perf_hooks';
import { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/** Times every answered request under its route's pattern, so no id or token becomes a label. */
export function httpMetrics(metrics: MetricsService): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const start = performance.now();
    res.once('finish', () => metrics.observe(req.method, routeOf(req), res.statusCode, (performance.now() - start) / 1000));
    next();
  };
}

/**
 * The pattern of the route that answered. Nest mounts route-bound middleware (the request log's) on
 * a catch-all route, which is what `req.route` still holds when no controller route matched.
 */
function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string' || path.includes('*')) return 'unmatched';
  return `${req.baseUrl}${path}`;
}
