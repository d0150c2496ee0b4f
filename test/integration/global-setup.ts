// Starts dynalite in-process for the integration project; tests reach it through DYNAMODB_ENDPOINT.
import dynalite from 'dynalite';

export default async function globalSetup(): Promise<void> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${port}`;
  (globalThis as { __dynalite?: typeof server }).__dynalite = server;
}
