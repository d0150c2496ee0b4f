import * as z from 'zod';
import { pipelineSpecSchema } from './schema';

/** JSON Schema (draft 2020-12) of `conveyor.yml` as written, for editors and YAML language servers. */
export const specJsonSchema = (): Record<string, unknown> => ({
  ...z.toJSONSchema(pipelineSpecSchema, { io: 'input', unrepresentable: 'any' }),
  $id: 'https://conveyor.dev/schemas/conveyor.v1.json',
  title: 'Conveyor pipeline spec (conveyor.yml)',
});
