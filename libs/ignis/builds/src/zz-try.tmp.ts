import { loadStarterFiles, materialise } from '@lumenforge/ignis-workspace/server';
const files = await loadStarterFiles();
const m = await materialise({ kind: 'files', files, entry: 'src/main.tsx' }, { home: '/tmp/c-scratch/home', key: 'try1' });
console.log(m.dir, m.inputDigest, m.dependencies);
