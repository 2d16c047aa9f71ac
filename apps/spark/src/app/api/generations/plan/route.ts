import { sparkHandlers } from '../../../../spark-services';

export const dynamic = 'force-dynamic';

// POST /api/generations/plan — see createSparkHandlers.
export const POST = sparkHandlers.plan;
