/**
 * PutEvents request rules, as EventBridge applies them: at most 10 entries, a total entry size under
 * 256 KB computed as AWS documents it, and per-entry validation reported in the entry's result.
 */
import { InvalidEventError } from '../../errors/invalid-event-error';

export interface PutEventsRequestEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  Time?: Date;
  EventBusName?: string;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResponse {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

export const MAX_ENTRIES = 10;
export const MAX_REQUEST_BYTES = 256 * 1024;

/** AWS's PutEventsRequestEntry size: Time 14 bytes, then the UTF-8 bytes of Source, DetailType, Detail and each resource. */
export const entrySize = (entry: PutEventsRequestEntry): number => {
  const bytes = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));
  let size = entry.Time ? 14 : 0;
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) size += bytes(resource);
  return size;
};

/** Request-level checks: these fail the whole call, as a ValidationException does. */
export const checkRequest = (entries: readonly PutEventsRequestEntry[]): void => {
  if (entries.length === 0 || entries.length > MAX_ENTRIES) {
    throw new InvalidEventError(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES} and greater than or equal to 1`,
    );
  }
  const total = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_REQUEST_BYTES) {
    throw new InvalidEventError(
      `Total size of the entries in the request is over the limit (${total} bytes > ${MAX_REQUEST_BYTES}).`,
    );
  }
};

/** The error of one entry, or undefined when the entry is acceptable. */
export const entryError = (
  entry: PutEventsRequestEntry,
): { ErrorCode: string; ErrorMessage: string } | undefined => {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (!entry[field]) {
      return {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
      };
    }
  }
  if (entry.Source?.startsWith('aws.')) {
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail as string);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  return undefined;
};
