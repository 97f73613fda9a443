import { describe, expect, it } from 'vitest';
import { ConfigSchema } from './config-schema.js';
import { buildStarterConfig } from './starter-config.js';

describe('buildStarterConfig', () => {
  it('writes the zone, the SLA defaults and the seeds’ targets, and is a valid config', () => {
    const config = buildStarterConfig({ timezone: 'Europe/Moscow', columns: {} });
    expect(config).toEqual({
      timezone: 'Europe/Moscow',
      minSample: 30,
      serviceLevelSeconds: 20,
      sla: { firstResponseMinutes: { email: 60, web: 60, chat: 2, messenger: 2, social: 2 }, callbackMinutes: 30 },
      targets: {
        nps: { min: 50 },
        csat: { min: 90 },
        firstResponseSla: { min: 90 },
        iqs: { min: 85 },
        churn: { max: 3 },
      },
    });
    expect(ConfigSchema.parse(config)).toEqual(config);
  });

  it('adds the date format and the column mapping it would use', () => {
    const config = buildStarterConfig({
      timezone: 'UTC',
      dateFormat: 'MDY',
      columns: { customers: { customer_id: 'user_id', active_since: 'date_start' }, calls: {} },
    });
    expect(config.dateFormat).toBe('MDY');
    expect(config.columns).toEqual({ customers: { customer_id: 'user_id', active_since: 'date_start' } });
    expect(ConfigSchema.parse(config)).toEqual(config);
  });
});
