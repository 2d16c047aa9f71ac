import { ignitionHandlers } from '../../../../../ignition-routes';

export const dynamic = 'force-dynamic';

export const GET = ignitionHandlers.projectArchive;
