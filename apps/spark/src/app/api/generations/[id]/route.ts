import { sparkHandlers } from '../../../../spark-services';

export const dynamic = 'force-dynamic';

// GET /api/generations/:id — see createSparkHandlers.
export const GET = sparkHandlers.readGeneration;
