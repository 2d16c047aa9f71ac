// GET /api/health — this service and its dependencies: 200 when ok or degraded, 503 when down.
import { health } from '../../../health';

export const dynamic = 'force-dynamic';
export const GET = health.GET;
