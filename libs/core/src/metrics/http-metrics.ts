import { performance } from 'node:perf_hooks';
import { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/** Times every answered request under its route's pattern, so no id or token becomes a label. */
export function httpMetrics(metrics: MetricsService): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const start = performance.now();
    res.once('finish', () => {
      const route = req.route ? `${req.baseUrl}${String((req.route as { path: unknown }).path)}` : 'unmatched';
      metrics.observe(req.method, route, res.statusCode, (performance.now() - start) / 1000);
    });
    next();
  };
}
