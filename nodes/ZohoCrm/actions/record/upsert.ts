import { recordWriteOperation } from './factory';

export const { description, execute } = recordWriteOperation('upsert', 'upsert');
