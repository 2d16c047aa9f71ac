import { packageFolders } from '@lumenforge/runtime/package-files';

/** Where `@webcontainer/api`'s ES modules are (served by projects/webcontainer-api/[...path]). */
export const WEBCONTAINER_API_FOLDERS = packageFolders('@webcontainer/api', 'dist');
