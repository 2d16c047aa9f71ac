import { sparkHandlers } from '../../../../../../../spark-services';

export const dynamic = 'force-dynamic';

// POST /api/components/:id/versions/:n/restore — see createSparkHandlers.
export const POST = sparkHandlers.restoreVersion;
