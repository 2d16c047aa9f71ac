import { createNextConfig } from '@lumenforge/config/next';

export default createNextConfig(import.meta.dirname);
