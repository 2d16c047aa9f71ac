// GET /api/metrics — Prometheus text format; Bearer METRICS_TOKEN, or private addresses when unset.
import { metricsRoute } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../runtime';

export const dynamic = 'force-dynamic';
export const GET = metricsRoute(getRuntime);
