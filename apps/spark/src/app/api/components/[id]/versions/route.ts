import { sparkHandlers } from '../../../../../spark-services';

export const dynamic = 'force-dynamic';

// GET /api/components/:id/versions, POST (a new version) — see createSparkHandlers.
export const GET = sparkHandlers.listVersions;
export const POST = sparkHandlers.createVersion;
