/**
 * Where monitoring reads an endpoint's captured traffic: SageMaker data capture on S3, or the local
 * router's capture directory. Both lay files out as SageMaker does,
 * `<root>/<endpoint>/<variant>/yyyy/mm/dd/hh/<file>.jsonl`, one capture record a line.
 */
import type { CaptureRecord } from '../deploy/data-capture';

export interface CaptureSource {
  /** The endpoint's records, every variant, whose inference time is in [from, to). */
  records(endpoint: string, from: Date, to: Date): AsyncIterable<CaptureRecord>;
}

/** The hour folders (`yyyy/mm/dd/hh`) that can hold records of [from, to), oldest first. */
export const hourFolders = (from: Date, to: Date): string[] => {
  const folders: string[] = [];
  const hour = new Date(from);
  hour.setUTCMinutes(0, 0, 0);
  for (; hour < to; hour.setUTCHours(hour.getUTCHours() + 1)) {
    folders.push(hour.toISOString().slice(0, 13).replace(/[-T]/g, '/'));
  }
  return folders;
};

/** The records of one capture file inside [from, to); a torn last line (a file being written) is skipped. */
export function* recordsInWindow(text: string, from: Date, to: Date): Generator<CaptureRecord> {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let record: CaptureRecord;
    try {
      record = JSON.parse(line) as CaptureRecord;
    } catch {
      continue;
    }
    const time = Date.parse(record?.eventMetadata?.inferenceTime ?? '');
    if (time >= from.getTime() && time < to.getTime()) yield record;
  }
}
