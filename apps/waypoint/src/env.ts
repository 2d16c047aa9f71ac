import { defineAppEnv } from '@lumenforge/config';
import { ZPlatformEnv } from '@lumenforge/config/env';
import { ZDbEnv } from '@lumenforge/db/env';

/** Waypoint's validated configuration; the only reader of process.env in this app. */
export const getEnv = defineAppEnv('waypoint', ZPlatformEnv.extend(ZDbEnv.shape), () => process.env);
