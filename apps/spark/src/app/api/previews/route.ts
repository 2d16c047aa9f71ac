import { sparkHandlers } from '../../../spark-services';

export const dynamic = 'force-dynamic';

// POST /api/previews — see createSparkHandlers (forwards to IGNIS for the signed-in person).
export const POST = sparkHandlers.openPreview;
