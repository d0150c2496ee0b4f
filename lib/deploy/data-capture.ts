/**
 * Requests and responses in SageMaker's data-capture format: one JSON object a line, files under
 * `<root>/<endpoint>/<variant>/yyyy/mm/dd/hh/`, as SageMaker writes them to S3, so that monitoring
 * reads local and AWS captures the same way.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface CapturedPayload {
  observedContentType: string;
  mode: 'INPUT' | 'OUTPUT';
  data: string;
  encoding: 'CSV' | 'JSON' | 'BASE64';
}

export interface CaptureRecord {
  captureData: { endpointInput: CapturedPayload; endpointOutput: CapturedPayload };
  eventMetadata: { eventId: string; inferenceTime: string };
  eventVersion: '0';
}

export const capturedPayload = (
  mode: 'INPUT' | 'OUTPUT',
  contentType: string,
  body: Buffer,
): CapturedPayload => {
  const encoding = /csv/i.test(contentType) ? 'CSV' : /json/i.test(contentType) ? 'JSON' : 'BASE64';
  return {
    observedContentType: contentType,
    mode,
    data: body.toString(encoding === 'BASE64' ? 'base64' : 'utf8'),
    encoding,
  };
};

export const captureRecord = (
  input: CapturedPayload,
  output: CapturedPayload,
  inferenceTime: Date,
): CaptureRecord => ({
  captureData: { endpointInput: input, endpointOutput: output },
  eventMetadata: { eventId: randomUUID(), inferenceTime: inferenceTime.toISOString() },
  eventVersion: '0',
});

/** Appends records in order, one file per endpoint, variant and hour. */
export class CaptureWriter {
  private writing: Promise<void> = Promise.resolve();
  private readonly madeDirs = new Set<string>();

  constructor(private readonly root: string) {}

  write(endpoint: string, variant: string, record: CaptureRecord): Promise<void> {
    const time = record.eventMetadata.inferenceTime;
    const dir = join(
      this.root,
      endpoint,
      variant,
      time.slice(0, 4),
      time.slice(5, 7),
      time.slice(8, 10),
      time.slice(11, 13),
    );
    const written = this.writing.then(async () => {
      if (!this.madeDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        this.madeDirs.add(dir);
      }
      await appendFile(join(dir, 'capture.jsonl'), `${JSON.stringify(record)}\n`);
    });
    // One failed write must not stop the ones after it; its caller gets the error.
    this.writing = written.catch(() => undefined);
    return written;
  }

  /** Resolves when every record written so far is on disk. */
  flush(): Promise<void> {
    return this.writing;
  }
}
