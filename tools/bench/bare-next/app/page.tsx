// The baseline of `bench:landing`: a small page rendered on every request (like LANDING's home,
// which reads the session cookie), without data, auth or styles.
export const dynamic = 'force-dynamic';

const SYSTEMS = ['LANDING', 'SLATE', 'IGNITION', 'SPARK', 'IGNIS', 'WAYPOINT'];

export default function BarePage() {
  return (
    <main>
      <h1>Bare Next.js page</h1>
      <p>Rendered at {new Date().toISOString()}.</p>
      <ul>
        {SYSTEMS.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    </main>
  );
}
