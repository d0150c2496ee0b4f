import type { Context } from 'aws-lambda';

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * A Lambda entry that builds its handler (dependencies, SDK clients) on the first invocation of a cold
 * start and reuses it after. Building at import would make a function's module unloadable wherever its
 * AWS environment is absent, and the local platform imports the same modules for `makeHandler`.
 */
export const lazyHandler = <E, R>(build: () => Handler<E, R>): Handler<E, R> => {
  let handler: Handler<E, R> | undefined;
  return (event, context) => {
    handler ??= build();
    return handler(event, context);
  };
};
