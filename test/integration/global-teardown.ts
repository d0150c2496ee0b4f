import type { Server } from 'node:http';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __dynalite?: Server }).__dynalite;
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
}
