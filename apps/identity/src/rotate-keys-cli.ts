// `npx nx run identity:rotate-keys`: adds a new current signing key and keeps the previous one
// published. Restart the provider to sign with the new key.
import { readIdentityEnv } from './env';
import { rotateKeys } from './signing-keys';

try {
  const { home } = readIdentityEnv();
  const { currentKid, publishedKids } = await rotateKeys(home);
  console.log(
    `identity: new signing key ${currentKid}; published: ${publishedKids.join(', ')}. Restart the provider to use it.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
