/** Where the GitHub webhook secret comes from: Secrets Manager or SSM on AWS, the environment or a file locally. */
export interface WebhookSecretSource {
  getSecret(): Promise<string>;
}

/** Keeps a fetched secret for `ttlMs`, so a warm function does not fetch it per request. */
export const cachedSecret = (fetch: () => Promise<string>, ttlMs = 300_000, now = () => Date.now()) => {
  let cached: { value: string; at: number } | undefined;
  return async (): Promise<string> => {
    if (cached && now() - cached.at < ttlMs) return cached.value;
    const value = await fetch();
    cached = { value, at: now() };
    return value;
  };
};
