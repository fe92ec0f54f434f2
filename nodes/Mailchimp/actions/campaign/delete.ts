import { campaignAction } from './factory';

export const { description, execute } = campaignAction('delete', 'DELETE', (id) => `/campaigns/${id}`, 'Delete campaign', 'deleted');
