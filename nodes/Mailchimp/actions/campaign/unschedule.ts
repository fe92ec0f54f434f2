import { campaignAction } from './factory';

export const { description, execute } = campaignAction('unschedule', 'POST', (id) => `/campaigns/${id}/actions/unschedule`, 'Unschedule campaign', 'unscheduled');
