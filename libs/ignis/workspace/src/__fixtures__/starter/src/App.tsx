import { Counter } from './components/Counter';

export function App() {
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-4 p-6">
      <h1 className="text-2xl font-semibold">LumenForge starter</h1>
      <p className="text-fg-muted">Edit src/components/Counter.tsx: the preview updates and keeps its count.</p>
      <Counter label="Clicks" />
    </main>
  );
}
