import { validateEnvAtBoot } from '@lumenforge/config/boot';
import { getEnv } from './env';

// Invalid configuration stops the app at start with a message naming the variable.
validateEnvAtBoot(getEnv);
