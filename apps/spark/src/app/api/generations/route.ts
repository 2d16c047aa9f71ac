import { sparkHandlers } from '../../../spark-services';

export const dynamic = 'force-dynamic';

// POST /api/generations (Server-Sent Events) — see createSparkHandlers.
export const POST = sparkHandlers.generate;
