export default async function globalTeardown(): Promise<void> {
  (globalThis as { __mapworkPg?: { stop(): void } }).__mapworkPg?.stop();
}
