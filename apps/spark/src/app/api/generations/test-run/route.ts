import { sparkHandlers } from '../../../../spark-services';

export const dynamic = 'force-dynamic';

// POST /api/generations/test-run — see createSparkHandlers.
export const POST = sparkHandlers.testRun;
