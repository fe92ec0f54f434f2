import { tagOperation } from './factory';

export const { description, execute } = tagOperation('add');
