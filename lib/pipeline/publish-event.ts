/** Publishes one of Conveyor's outcome events (an `entryFor` entry) on the bus. */
export type PublishEvent = (entry: {
  Source: string;
  DetailType: string;
  Detail: string;
  Resources: string[];
}) => Promise<void>;
