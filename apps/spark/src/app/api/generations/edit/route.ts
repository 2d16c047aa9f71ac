import { sparkHandlers } from '../../../../spark-services';

export const dynamic = 'force-dynamic';

// POST /api/generations/edit — see createSparkHandlers.
export const POST = sparkHandlers.edit;
