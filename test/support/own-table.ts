/**
 * Import first (before any handler or flow): this test file gets a DynamoDB table of its own on the shared
 * DynamoDB Local, so a scan sees only what this file wrote. Handlers read TABLE_NAME once, at import, so
 * the name is set here, synchronously; `createOwnTable()` (in beforeAll) creates it.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTable } from '../../infra/local/dynamodb.ts';

process.env.TABLE_NAME = `tenderflow-own-${randomBytes(4).toString('hex')}`;

export const createOwnTable = () => createTable(new DynamoDBClient({}), String(process.env.TABLE_NAME));
