import { sparkHandlers } from '../../../../../../spark-services';

export const dynamic = 'force-dynamic';

// GET /api/components/:id/versions/:n — see createSparkHandlers.
export const GET = sparkHandlers.readVersion;
