import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StateStore } from '../ports';
import { DynamoTable } from './dynamo-table';
import { DynamoDBAliasRepository } from './dynamodb-alias-repository';
import { DynamoDBDeadLetterRepository } from './dynamodb-dead-letter-repository';
import { DynamoDBDecisionRepository } from './dynamodb-decision-repository';
import { DynamoDBLeaseRepository } from './dynamodb-lease-repository';
import { DynamoDBModelRepository } from './dynamodb-model-repository';
import { DynamoDBModelVersionRepository } from './dynamodb-model-version-repository';
import { DynamoDBMonitoringReportRepository } from './dynamodb-monitoring-report-repository';
import { DynamoDBProcessedEventRepository } from './dynamodb-processed-event-repository';
import { DynamoDBRunRepository } from './dynamodb-run-repository';
import { DynamoDBScheduleRepository } from './dynamodb-schedule-repository';
import { DynamoDBSweepFailureRepository } from './dynamodb-sweep-failure-repository';
import { DynamoDBTriggerQueueRepository } from './dynamodb-trigger-queue-repository';

/** The state store on one DynamoDB table (AWS, or dynalite for the local platform). */
export const createDynamoDBStateStore = (
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): StateStore => {
  const table = new DynamoTable(documentClient, tableName);
  return {
    models: new DynamoDBModelRepository(table),
    runs: new DynamoDBRunRepository(table),
    triggers: new DynamoDBTriggerQueueRepository(table),
    versions: new DynamoDBModelVersionRepository(table),
    aliases: new DynamoDBAliasRepository(table),
    leases: new DynamoDBLeaseRepository(table),
    events: new DynamoDBProcessedEventRepository(table),
    decisions: new DynamoDBDecisionRepository(table),
    deadLetters: new DynamoDBDeadLetterRepository(table),
    schedules: new DynamoDBScheduleRepository(table),
    monitoring: new DynamoDBMonitoringReportRepository(table),
    sweeps: new DynamoDBSweepFailureRepository(table),
  };
};
