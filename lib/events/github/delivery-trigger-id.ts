/**
 * The trigger id of a push: its GitHub delivery id when it has one, otherwise the EventBridge event id.
 * A delivery replayed (GitHub's Redeliver, or a retried webhook call) carries the same
 * `X-GitHub-Delivery` but is published as a new event, so admission dedupes on the delivery instead.
 */
export const triggerIdOfPush = (eventId: string, deliveryId: string | undefined): string =>
  deliveryId ? `github-delivery-${deliveryId}` : eventId;
