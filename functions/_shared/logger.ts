import { Logger } from '@aws-lambda-powertools/logger';
import type { Logger as LibLogger } from '../../lib/events/logger';

/** The one structured JSON logger of every function (service name from POWERTOOLS_SERVICE_NAME). */
export const logger = new Logger();

/** The same logger, as the small interface `lib/` takes. */
export const libLogger: LibLogger = {
  info: (message, extra) => logger.info(message, extra ?? {}),
  warn: (message, extra) => logger.warn(message, extra ?? {}),
};
