import { sparkHandlers } from '../../../../../spark-services';

export const dynamic = 'force-dynamic';

// POST /api/components/:id/publish — see createSparkHandlers.
export const POST = sparkHandlers.publish;
