/**
 * The single table, as the repositories use it: items keyed by PK/SK strings (GSI1 for listings), and
 * conditional writes whose failure is reported as `false` for the repository to translate into a
 * domain error. Keys never leave this layer: `stripKeys` removes them from what is read.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, unknown>;
type Values = Record<string, unknown>;

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Values;
}

export interface QueryOptions {
  pk: string;
  skPrefix?: string;
  index?: 'GSI1';
  newestFirst?: boolean;
  limit?: number;
}

const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'expiresAt'];

export class DynamoTable {
  constructor(
    readonly documentClient: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get<T>(pk: string, sk: string): Promise<T | undefined> {
    const { Item } = await this.documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: pk, SK: sk }, ConsistentRead: true }),
    );
    return Item ? (stripKeys(Item) as T) : undefined;
  }

  /** Writes the item; false when `condition` did not hold (nothing was written). */
  async put(item: Item, condition?: Condition): Promise<boolean> {
    return this.conditional(
      new PutCommand({ TableName: this.tableName, Item: item, ...conditionParams(condition) }),
    );
  }

  /**
   * SETs the given attributes (and REMOVEs `remove`); the item after the update, or undefined when
   * `condition` did not hold.
   */
  async update<T>(
    pk: string,
    sk: string,
    set: Values,
    condition: Condition,
    remove: readonly string[] = [],
  ): Promise<T | undefined> {
    const names: Record<string, string> = { ...condition.names };
    const values: Values = { ...condition.values };
    const assignments = Object.entries(set)
      .filter(([, value]) => value !== undefined)
      .map(([name, value], i) => {
        names[`#set${i}`] = name;
        values[`:set${i}`] = value;
        return `#set${i} = :set${i}`;
      });
    const removals = remove.map((name, i) => {
      names[`#remove${i}`] = name;
      return `#remove${i}`;
    });
    try {
      const { Attributes } = await this.documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: pk, SK: sk },
          UpdateExpression: [
            assignments.length ? `SET ${assignments.join(', ')}` : '',
            removals.length ? `REMOVE ${removals.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join(' '),
          ConditionExpression: condition.expression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripKeys(Attributes ?? {}) as T;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /**
   * Writes the item when it is absent; otherwise leaves it as it is and returns it, in one request
   * (an update setting each attribute to `if_not_exists(itself, value)`, returning the old item: a
   * conditional put cannot return the item that failed its condition on every DynamoDB, dynalite
   * included). For items whose attributes are always written together, as a decision's are.
   */
  async putIfAbsent<T>(pk: string, sk: string, attributes: Values): Promise<T | undefined> {
    const names: Record<string, string> = {};
    const values: Values = {};
    const assignments = Object.entries(attributes)
      .filter(([, value]) => value !== undefined)
      .map(([name, value], i) => {
        names[`#set${i}`] = name;
        values[`:set${i}`] = value;
        return `#set${i} = if_not_exists(#set${i}, :set${i})`;
      });
    const { Attributes } = await this.documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: pk, SK: sk },
        UpdateExpression: `SET ${assignments.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes ? (stripKeys(Attributes) as T) : undefined;
  }

  /** Deletes the item; false when `condition` did not hold. */
  async delete(pk: string, sk: string, condition?: Condition): Promise<boolean> {
    return this.conditional(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { PK: pk, SK: sk },
        ...conditionParams(condition),
      }),
    );
  }

  /**
   * Deletes the items, 25 keys a request (BatchWriteItem's limit), resending what DynamoDB reports
   * unprocessed with backoff. Unconditional: for items only their owner deletes, such as queued triggers.
   */
  async deleteMany(keys: readonly { pk: string; sk: string }[]): Promise<void> {
    const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
    for (let i = 0; i < unique.length; i += 25) {
      let requests = unique
        .slice(i, i + 25)
        .map((k) => ({ DeleteRequest: { Key: { PK: k.pk, SK: k.sk } as Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
        const { UnprocessedItems } = await this.documentClient.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }

  /** Every item of a partition (following pages), or the first `limit`. */
  async query<T>(options: QueryOptions): Promise<T[]> {
    const [pkName, skName] = options.index ? ['GSI1PK', 'GSI1SK'] : ['PK', 'SK'];
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: options.index,
      KeyConditionExpression: options.skPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
      ExpressionAttributeNames: {
        '#pk': pkName as string,
        ...(options.skPrefix ? { '#sk': skName as string } : {}),
      },
      ExpressionAttributeValues: {
        ':pk': options.pk,
        ...(options.skPrefix ? { ':prefix': options.skPrefix } : {}),
      },
      ScanIndexForward: !options.newestFirst,
      ConsistentRead: options.index ? undefined : true,
    };
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.documentClient.send(
        new QueryCommand({ ...input, Limit: options.limit, ExclusiveStartKey: startKey }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey && (options.limit === undefined || items.length < options.limit));
    return items.slice(0, options.limit).map((item) => stripKeys(item) as T);
  }

  /** The item with the greatest sort key under `skPrefix` (the latest of a numbered series). */
  async last<T>(pk: string, skPrefix: string): Promise<T | undefined> {
    const [last] = await this.query<T>({ pk, skPrefix, newestFirst: true, limit: 1 });
    return last;
  }

  private async conditional(command: PutCommand | DeleteCommand): Promise<boolean> {
    try {
      await this.documentClient.send(command as PutCommand);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

const conditionParams = (condition?: Condition) =>
  condition
    ? {
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: condition.names,
        ExpressionAttributeValues: condition.values,
      }
    : {};

const stripKeys = (item: Item): Item =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.includes(name)));

/** A document client that drops undefined attributes, as the entities leave optional fields out. */
export const createDocumentClient = (
  client: DynamoDBClient = new DynamoDBClient({}),
): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

/** Zero-padded, so that sort keys order numerically. */
export const pad = (n: number, width = 9): string => String(n).padStart(width, '0');
