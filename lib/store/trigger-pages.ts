import { TRIGGERS_SHOWN, type TriggerRef, type TriggerSummary } from './entities';

/** Bytes of JSON a page of triggers holds at most: half of DynamoDB's 400 KB item, whatever the reasons. */
export const TRIGGER_PAGE_BYTES = 200_000;

/** A run's triggers cut into pages of at most TRIGGER_PAGE_BYTES of JSON each, in order. */
export const triggerPages = (triggers: readonly TriggerRef[]): TriggerRef[][] => {
  const pages: TriggerRef[][] = [];
  let page: TriggerRef[] = [];
  let bytes = 0;
  for (const trigger of triggers) {
    const size = Buffer.byteLength(JSON.stringify(trigger)) + 1;
    if (page.length > 0 && bytes + size > TRIGGER_PAGE_BYTES) {
      pages.push(page);
      page = [];
      bytes = 0;
    }
    page.push(trigger);
    bytes += size;
  }
  if (page.length > 0) pages.push(page);
  return pages;
};

/** The counts by kind of a run's triggers, and how many pages hold them. */
export const summarizeTriggers = (triggers: readonly TriggerRef[]): TriggerSummary => {
  const byKind: TriggerSummary['byKind'] = {};
  for (const t of triggers) byKind[t.kind] = (byKind[t.kind] ?? 0) + 1;
  return { count: triggers.length, byKind, pages: triggerPages(triggers).length };
};

/** The triggers a run record shows: all of a few, else the first and last TRIGGERS_SHOWN. */
export const shownTriggers = (triggers: readonly TriggerRef[]): TriggerRef[] =>
  triggers.length <= 2 * TRIGGERS_SHOWN
    ? [...triggers]
    : [...triggers.slice(0, TRIGGERS_SHOWN), ...triggers.slice(-TRIGGERS_SHOWN)];
