import { sparkHandlers } from '../../../../../spark-services';

export const dynamic = 'force-dynamic';

// PUT /api/previews/:id/files — see createSparkHandlers (forwards to IGNIS).
export const PUT = sparkHandlers.updatePreview;
