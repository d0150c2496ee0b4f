// dynalite in a child process for benches, so the server has its own core as DynamoDB would, rather
// than competing with the code being measured.
import { spawn } from 'node:child_process';

export const startDynaliteProcess = (): Promise<{ endpoint: string; stop: () => void }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        "const d = require('dynalite')({ createTableMs: 0 }); d.listen(0, '127.0.0.1', () => process.send(d.address().port));",
      ],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    child.once('message', (port) =>
      resolve({ endpoint: `http://127.0.0.1:${port}`, stop: () => child.kill() }),
    );
    child.once('error', reject);
  });
