/**
 * The DuckDB scorecard of SPEC §3, §4 and §10, shared by `npm run verify` (bench/verify.mjs, the oracle) and
 * `npm run bench` (bench/duckdb-scorecard.mjs, the speed reference): the same SQL, written from the SPEC alone, not
 * from src/. Every CSV is read with `all_varchar=true` and every type is parsed here, so nothing is inferred
 * differently by accident. Blocks follow one rule: a block is present when its group has at least one input row of
 * that block's source (calls, tickets, answers, customers); nps, csat and fcr need n > 0 because their fields are not
 * nullable in `cs-kpi/report@1`.
 *
 * The SQL is written for a clean `en` month of 2026-10 from bench/generate-month.mjs and for the configs below:
 * CONFIG (calendar time) and BUSINESS_CONFIG, which adds business hours (SPEC §3 "Business hours", §10 "Business
 * time, more"): there the first-response and resolution blocks are in business time and carry their calendar-time
 * twin as `calendar`; every other block is unchanged.
 *
 * Plain ESM; DuckDB (`@duckdb/node-api`) comes from bench/node_modules and is imported only by computeScorecards.
 */

export const MONTH = '2026-10';
// Europe/Moscow is UTC+3 all year (no DST since 2014), so the generator's naive local timestamps are the
// local wall clock, and the period [2026-10-01 00:00, 2026-11-01 00:00) can be compared as naive
// TIMESTAMPs in DuckDB with no time-zone conversion at all.
export const PERIOD_FROM = '2026-10-01 00:00:00';
export const PERIOD_TO = '2026-11-01 00:00:00';
export const CONFIG = {
  timezone: 'Europe/Moscow',
  targets: {
    nps: { min: 50 },
    csat: { min: 90 },
    firstResponseSla: { min: 90 },
    churn: { max: 3 },
    serviceLevel: { min: 80 },
  },
};
// The second comparison: the same month and targets with business hours (SPEC §3, §10 "Business time, more", §11).
// 2026-10-14 (a Wednesday) is a holiday; 2026-10-25 (a Sunday) is a decreed working day, open with Monday's hours.
export const BUSINESS_CONFIG = {
  timezone: CONFIG.timezone,
  businessHours: {
    mon: ['09:00', '18:00'],
    tue: ['09:00', '18:00'],
    wed: ['09:00', '18:00'],
    thu: ['09:00', '18:00'],
    fri: ['09:00', '18:00'],
    sat: ['10:00', '16:00'],
    sun: null,
  },
  holidays: ['2026-10-14'],
  workdays: ['2026-10-25'],
  targets: CONFIG.targets,
};
// Defaults of SPEC §10 / §11, which the configs above do not override.
export const MIN_SAMPLE = 30;
const SERVICE_LEVEL_SECONDS = 20;
const CALLBACK_MINUTES = 30;
const FIRST_RESPONSE_TARGETS = { email: 60, web: 60, chat: 2, messenger: 2, social: 2 };

const quote = (text) => `'${text.replaceAll("'", "''")}'`;
const csv = (file) =>
  `read_csv(${quote(file)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;

/** `kind`, `agent`, `channel` of a GROUPING SETS row; rows without an agent or channel stay out of those groups. */
const GROUPS = `
  CASE grouping(agent, channel) WHEN 3 THEN 'overall' WHEN 1 THEN 'agent' WHEN 2 THEN 'channel' ELSE 'agentChannel' END AS kind,
  agent, channel`;
const BY_GROUPS = `
  GROUP BY GROUPING SETS ((), (agent), (channel), (agent, channel))
  HAVING NOT ((grouping(agent) = 0 AND agent IS NULL) OR (grouping(channel) = 0 AND channel IS NULL))`;

const targetsSql = Object.entries(FIRST_RESPONSE_TARGETS)
  .map(([channel, minutes]) => `WHEN ${quote(channel)} THEN ${minutes}`)
  .join(' ');

/**
 * The tables of the month: typed rows of the four CSVs (`files`: absolute paths), then every calendar-time block per
 * group (g_volume, g_calls, g_tickets, g_fcr, g_nps, g_csat, g_churn) and the group keys (g_keys).
 */
export const tablesSql = ({ callsCsv, ticketsCsv, surveysCsv, customersCsv }) => `
CREATE MACRO txt(x) AS NULLIF(trim(x), '');
CREATE MACRO ts(x) AS CAST(txt(x) AS TIMESTAMP);
CREATE MACRO num(x) AS CAST(txt(x) AS DOUBLE);
CREATE MACRO flag(x) AS CASE upper(txt(x)) WHEN 'Y' THEN true WHEN 'N' THEN false END;
CREATE MACRO in_month(t) AS t >= TIMESTAMP '${PERIOD_FROM}' AND t < TIMESTAMP '${PERIOD_TO}';
CREATE MACRO pct(a, b) AS CASE WHEN b > 0 THEN 100 * CAST(a AS DOUBLE) / b END;
CREATE MACRO verdict(v, lo, hi) AS
  CASE WHEN v IS NULL THEN NULL WHEN (lo IS NULL OR v >= lo) AND (hi IS NULL OR v <= hi) THEN 'met' ELSE 'missed' END;

-- SPEC §3 channel normalisation; calls are 'phone'.
CREATE MACRO norm_channel(x) AS CASE
  WHEN lower(txt(x)) IN ('email', 'e-mail', 'mail') THEN 'email'
  WHEN lower(txt(x)) IN ('whatsapp', 'telegram', 'viber') THEN 'messenger'
  WHEN lower(txt(x)) IN ('vk', 'facebook', 'instagram') THEN 'social'
  WHEN lower(txt(x)) IN ('web form', 'portal') THEN 'web'
  WHEN lower(txt(x)) IN ('chat', 'live chat') THEN 'chat'
  ELSE lower(txt(x)) END;

CREATE TABLE calls AS SELECT
  txt("Call ID") AS id,
  ts("Started At") AS started_at,
  lower(txt("Direction")) = 'inbound' AS inbound,
  lower(txt("Status")) = 'answered' AS answered_status,
  txt("Agent") AS agent,
  -- SPEC §10: numbers compare on their last 10 digits
  NULLIF(right(regexp_replace(coalesce("Customer Phone", ''), '[^0-9]', '', 'g'), 10), '') AS phone,
  num("Wait Seconds") AS wait_s,
  num("Talk Seconds") AS talk_s,
  flag("Resolved") AS fcr,
  CAST(num("Satisfaction") AS INTEGER) AS rating
FROM ${csv(callsCsv)};

CREATE TABLE tickets AS SELECT
  txt("Ticket ID") AS id,
  ts("Created At") AS created_at,
  norm_channel("Channel") AS channel,
  txt("Agent") AS agent,
  lower(txt("Status")) AS status,
  ts("First Response At") AS first_response_at,
  ts("Resolved At") AS resolved_at,
  CAST(num("Satisfaction") AS INTEGER) AS rating,
  flag("FCR") AS fcr
FROM ${csv(ticketsCsv)};

CREATE TABLE answers AS SELECT
  txt("Response ID") AS id,
  ts("Answered At") AS answered_at,
  lower(txt("Survey")) AS kind,
  CAST(num("Score") AS INTEGER) AS score,
  txt("Contact ID") AS contact_id
FROM ${csv(surveysCsv)};

CREATE TABLE customers AS SELECT
  txt("Customer ID") AS id,
  txt("Segment") AS segment,
  txt("Manager") AS manager,
  CAST(txt("Active Since") AS DATE) AS active_since,
  CAST(txt("Churned At") AS DATE) AS churned_at,
  num("MRR") AS mrr
FROM ${csv(customersCsv)};

-- Every contact of any month, for survey attribution and the embedded ratings.
CREATE TABLE contacts AS
  SELECT id, agent, 'phone' AS channel, started_at AS at, rating FROM calls
  UNION ALL
  SELECT id, agent, channel, created_at AS at, rating FROM tickets;

-- Calls of the month (SPEC §10 "Calls"): missed = inbound and not answered; a callback is an outbound
-- call (of any month) to the same number, started after the missed call and at most 30:00 later.
CREATE TABLE calls_m AS SELECT c.*, 'phone' AS channel,
  c.inbound AND c.answered_status AS answered,
  CASE WHEN c.inbound AND NOT c.answered_status AND c.phone IS NOT NULL THEN EXISTS (
    SELECT 1 FROM calls o
    WHERE NOT o.inbound AND o.phone = c.phone AND o.started_at > c.started_at
      AND o.started_at <= c.started_at + INTERVAL ${CALLBACK_MINUTES} MINUTE) END AS called_back
FROM calls c WHERE in_month(c.started_at);

-- Tickets of the month (SPEC §10 "First response", "Resolution").
CREATE TABLE tickets_m AS
WITH t AS (
  SELECT *,
    date_diff('millisecond', created_at, first_response_at) AS frt_ms,
    date_diff('millisecond', created_at, resolved_at) AS res_ms,
    resolved_at IS NOT NULL OR status IN ('solved', 'closed') AS resolved,
    CASE channel ${targetsSql} END AS target_min
  FROM tickets WHERE in_month(created_at))
SELECT *,
  CASE WHEN frt_ms >= 0 THEN CAST(frt_ms AS DOUBLE) / 60000 END AS frt_min,
  CASE WHEN res_ms >= 0 THEN CAST(res_ms AS DOUBLE) / 3600000 END AS res_h,
  target_min IS NOT NULL AND (
    frt_ms >= 0
    OR (first_response_at IS NULL AND NOT resolved
        AND created_at + to_minutes(CAST(target_min AS BIGINT)) <= TIMESTAMP '${PERIOD_TO}')) AS sla_due,
  target_min IS NOT NULL AND frt_ms >= 0 AND frt_ms <= target_min * 60000 AS sla_met
FROM t;

-- Answers of the month; every survey row takes the agent and channel of the contact it rates.
CREATE TABLE answers_m AS
SELECT a.*, c.agent, c.channel FROM answers a LEFT JOIN contacts c ON c.id = a.contact_id
WHERE in_month(a.answered_at);

-- CSAT ratings: CSAT answers of the month, plus ratings embedded in contacts of the month unless a CSAT
-- answer (of any month) rates the same contact.
CREATE TABLE csat_ratings AS
  SELECT agent, channel, score FROM answers_m WHERE kind = 'csat'
  UNION ALL
  SELECT c.agent, c.channel, c.rating AS score FROM contacts c
  WHERE c.rating IS NOT NULL AND in_month(c.at)
    AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.kind = 'csat' AND a.contact_id = c.id);

CREATE TABLE g_volume AS SELECT ${GROUPS},
  count(*) FILTER (WHERE src = 'call') AS calls,
  count(*) FILTER (WHERE src = 'ticket') AS tickets,
  count(*) FILTER (WHERE src = 'answer') AS surveys
FROM (
  SELECT agent, channel, 'call' AS src FROM calls_m
  UNION ALL SELECT agent, channel, 'ticket' FROM tickets_m
  UNION ALL SELECT agent, channel, 'answer' FROM answers_m) ${BY_GROUPS};

CREATE TABLE g_calls AS SELECT ${GROUPS},
  count(*) FILTER (WHERE inbound) AS offered,
  count(*) FILTER (WHERE answered) AS answered,
  count(*) FILTER (WHERE inbound AND NOT answered) AS missed,
  pct(count(*) FILTER (WHERE inbound AND NOT answered), count(*) FILTER (WHERE inbound)) AS abandon_percent,
  pct(count(*) FILTER (WHERE answered AND wait_s <= ${SERVICE_LEVEL_SECONDS}), count(*) FILTER (WHERE inbound))
    AS service_level_percent,
  avg(wait_s) FILTER (WHERE answered) AS asa_seconds,
  avg(talk_s) FILTER (WHERE answered) AS aht_seconds,
  pct(count(*) FILTER (WHERE called_back), count(called_back)) AS callback_percent
FROM calls_m ${BY_GROUPS};

CREATE TABLE g_tickets AS SELECT ${GROUPS},
  count(frt_min) AS frt_n,
  quantile_cont(frt_min, 0.5) AS frt_median,
  quantile_cont(frt_min, 0.9) AS frt_p90,
  avg(frt_min) AS frt_mean,
  count(*) FILTER (WHERE sla_due) AS sla_due,
  count(*) FILTER (WHERE sla_met) AS sla_met,
  pct(count(*) FILTER (WHERE sla_met), count(*) FILTER (WHERE sla_due)) AS sla_percent,
  count(*) AS created,
  count(*) FILTER (WHERE resolved) AS resolved,
  pct(count(*) FILTER (WHERE resolved), count(*)) AS resolved_percent,
  quantile_cont(res_h, 0.5) AS res_median,
  quantile_cont(res_h, 0.9) AS res_p90,
  count(*) FILTER (WHERE NOT resolved) AS open,
  CAST(date_diff('millisecond', min(created_at) FILTER (WHERE NOT resolved), TIMESTAMP '${PERIOD_TO}') AS DOUBLE)
    / 3600000 AS oldest_open_hours
FROM tickets_m ${BY_GROUPS};

CREATE TABLE g_fcr AS SELECT ${GROUPS},
  count(fcr) AS n, count(*) FILTER (WHERE fcr) AS yes, pct(count(*) FILTER (WHERE fcr), count(fcr)) AS percent
FROM (SELECT agent, channel, fcr FROM calls_m UNION ALL SELECT agent, channel, fcr FROM tickets_m)
WHERE fcr IS NOT NULL ${BY_GROUPS};

CREATE TABLE g_nps AS
SELECT *, 100.0 * (promoters - detractors) / n AS score,
  1.96 * 100 * sqrt((promoters / n + detractors / n - power(promoters / n - detractors / n, 2)) / n)
    AS margin_of_error
FROM (
  SELECT ${GROUPS}, CAST(count(*) AS DOUBLE) AS n,
    CAST(count(*) FILTER (WHERE score >= 9) AS DOUBLE) AS promoters,
    CAST(count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS DOUBLE) AS passives,
    CAST(count(*) FILTER (WHERE score <= 6) AS DOUBLE) AS detractors
  FROM answers_m WHERE kind = 'nps' ${BY_GROUPS});

-- Wilson score interval, z = 1.96, no continuity correction, in percent.
CREATE TABLE g_csat AS
SELECT *, 100 * (centre - half) AS ci_low, 100 * (centre + half) AS ci_high
FROM (
  SELECT *,
    (p + 1.96 * 1.96 / (2 * n)) / (1 + 1.96 * 1.96 / n) AS centre,
    1.96 * sqrt(p * (1 - p) / n + 1.96 * 1.96 / (4 * n * n)) / (1 + 1.96 * 1.96 / n) AS half
  FROM (
    SELECT ${GROUPS}, CAST(count(*) AS DOUBLE) AS n,
      count(*) FILTER (WHERE score >= 4) AS satisfied,
      pct(count(*) FILTER (WHERE score >= 4), count(*)) AS percent,
      avg(score) AS mean,
      CAST(count(*) FILTER (WHERE score >= 4) AS DOUBLE) / count(*) AS p
    FROM csat_ratings ${BY_GROUPS}));

-- Churn (SPEC §4.2, §10): active at start = joined on or before the 1st and not churned before it;
-- churned = active at start and churned inside the month; revenue churn leaves out customers without MRR.
CREATE TABLE churn_base AS
WITH c AS (
  SELECT *, active_since <= DATE '${PERIOD_FROM.slice(0, 10)}'
    AND (churned_at IS NULL OR churned_at >= DATE '${PERIOD_FROM.slice(0, 10)}') AS active
  FROM customers)
SELECT *, active AND churned_at >= DATE '${PERIOD_FROM.slice(0, 10)}' AND churned_at < DATE '${PERIOD_TO.slice(0, 10)}'
  AS churned
FROM c;

CREATE TABLE g_churn AS SELECT
  CASE WHEN grouping(manager) = 1 THEN 'overall' ELSE 'agent' END AS kind, manager AS agent, NULL::VARCHAR AS channel,
  count(*) FILTER (WHERE active) AS active_at_start,
  count(*) FILTER (WHERE churned) AS churned,
  pct(count(*) FILTER (WHERE churned), count(*) FILTER (WHERE active)) AS percent,
  pct(coalesce(sum(mrr) FILTER (WHERE churned), 0), sum(mrr) FILTER (WHERE active)) AS revenue_percent
FROM churn_base GROUP BY GROUPING SETS ((), (manager)) HAVING NOT (grouping(manager) = 0 AND manager IS NULL)
UNION ALL SELECT 'segment', segment, NULL,
  count(*) FILTER (WHERE active),
  count(*) FILTER (WHERE churned),
  pct(count(*) FILTER (WHERE churned), count(*) FILTER (WHERE active)),
  pct(coalesce(sum(mrr) FILTER (WHERE churned), 0), sum(mrr) FILTER (WHERE active))
FROM churn_base WHERE segment IS NOT NULL GROUP BY segment;

CREATE TABLE g_keys AS
  SELECT DISTINCT kind, agent, channel FROM (
    SELECT kind, agent, channel FROM g_volume UNION ALL SELECT kind, agent, channel FROM g_churn);
`;

// ───────────── business hours (the second comparison, BUSINESS_CONFIG) ─────────────

/** ISO day of the week (DuckDB `isodow`: 1 = Monday … 7 = Sunday) → `businessHours` key. */
const ISO_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const weekHoursSql = ISO_WEEKDAYS.map((day, index) => {
  const hours = BUSINESS_CONFIG.businessHours[day] ?? null; // null or absent = closed
  return `(${index + 1}, ${hours ? `${quote(hours[0])}, ${quote(hours[1])}` : 'NULL, NULL'})`;
}).join(', ');
const dateListSql = (dates) => (dates.length > 0 ? dates.map((date) => `DATE ${quote(date)}`).join(', ') : 'NULL');

/**
 * SPEC §3 "Business hours", §10 "First response", "Resolution", "Business time, more", §11: the same tickets of the
 * month, their durations measured in business time. Business milliseconds of a span [from, to) = the sum over local
 * dates of the overlap of the span with that date's opening interval. Europe/Moscow has no DST, so a local
 * wall-clock time is the naive TIMESTAMP of the data, and an opening interval is date + open … date + close.
 */
export const BUSINESS_SQL = `
CREATE MACRO hhmm(x) AS to_minutes(CAST(split_part(x, ':', 1) AS BIGINT) * 60 + CAST(split_part(x, ':', 2) AS BIGINT));
CREATE TABLE week_hours AS SELECT * FROM (VALUES ${weekHoursSql}) AS w(isodow, opens, closes);

-- Every local date from the first to the last instant any ticket span touches (resolutions run into the next
-- month): a holiday is closed, a date in workdays is open with Monday's hours, any other date with its weekday's.
CREATE TABLE opening AS
WITH bounds AS (
  SELECT CAST(CAST(min(t) AS DATE) AS TIMESTAMP) AS first_day, CAST(CAST(max(t) AS DATE) AS TIMESTAMP) AS last_day
  FROM (
    SELECT created_at AS t FROM tickets_m
    UNION ALL SELECT first_response_at FROM tickets_m
    UNION ALL SELECT resolved_at FROM tickets_m
    UNION ALL SELECT TIMESTAMP '${PERIOD_TO}')),
days AS (SELECT CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS day FROM bounds),
rules AS (
  SELECT day, CASE
    WHEN day IN (${dateListSql(BUSINESS_CONFIG.workdays)}) THEN 1
    WHEN day IN (${dateListSql(BUSINESS_CONFIG.holidays)}) THEN NULL
    ELSE isodow(day) END AS hours_of
  FROM days)
SELECT r.day, CAST(r.day AS TIMESTAMP) + hhmm(w.opens) AS open_at, CAST(r.day AS TIMESTAMP) + hhmm(w.closes) AS close_at
FROM rules r JOIN week_hours w ON w.isodow = r.hours_of
WHERE w.opens IS NOT NULL AND hhmm(w.closes) > hhmm(w.opens);

-- The spans measured: creation → first response and creation → resolution (non-negative ones, as in calendar
-- time), and creation → period.to (for the SLA of unanswered tickets and oldestOpenHours). A ticket is its rowid.
CREATE TABLE business_spans AS
  SELECT rowid AS ticket, 'response' AS span, created_at AS from_at, first_response_at AS to_at FROM tickets_m
  WHERE frt_ms >= 0
  UNION ALL SELECT rowid, 'resolution', created_at, resolved_at FROM tickets_m WHERE res_ms >= 0
  UNION ALL SELECT rowid, 'period_end', created_at, TIMESTAMP '${PERIOD_TO}' FROM tickets_m;

-- Spans that overlap no opening interval have no row here: 0 business milliseconds (an inner join, because
-- greatest/least skip NULLs and would turn a LEFT JOIN's missing interval into the whole span).
CREATE TABLE business_ms AS
SELECT s.ticket, s.span, sum(date_diff('millisecond', greatest(o.open_at, s.from_at), least(o.close_at, s.to_at))) AS ms
FROM business_spans s JOIN opening o ON o.open_at < s.to_at AND o.close_at > s.from_at
GROUP BY s.ticket, s.span;

-- An unanswered, unresolved ticket is due once the business time from its creation to period.to reaches its
-- target; an answered one is met when its business first response is within the target (inclusive).
CREATE TABLE tickets_b AS
WITH b AS (
  SELECT t.*,
    CASE WHEN t.frt_ms >= 0 THEN coalesce(f.ms, 0) END AS frt_bms,
    CASE WHEN t.res_ms >= 0 THEN coalesce(r.ms, 0) END AS res_bms,
    coalesce(e.ms, 0) AS to_end_bms
  FROM tickets_m t
  LEFT JOIN business_ms f ON f.ticket = t.rowid AND f.span = 'response'
  LEFT JOIN business_ms r ON r.ticket = t.rowid AND r.span = 'resolution'
  LEFT JOIN business_ms e ON e.ticket = t.rowid AND e.span = 'period_end')
SELECT *,
  CAST(frt_bms AS DOUBLE) / 60000 AS frt_min_b,
  CAST(res_bms AS DOUBLE) / 3600000 AS res_h_b,
  CAST(to_end_bms AS DOUBLE) / 3600000 AS to_end_h_b,
  target_min IS NOT NULL AND (
    frt_ms >= 0
    OR (first_response_at IS NULL AND NOT resolved AND to_end_bms >= target_min * 60000)) AS sla_due_b,
  target_min IS NOT NULL AND frt_bms IS NOT NULL AND frt_bms <= target_min * 60000 AS sla_met_b
FROM b;

-- Same columns as g_tickets; oldestOpenHours = business hours from the earliest-created open ticket to period.to.
CREATE TABLE g_tickets_b AS SELECT ${GROUPS},
  count(frt_min_b) AS frt_n,
  quantile_cont(frt_min_b, 0.5) AS frt_median,
  quantile_cont(frt_min_b, 0.9) AS frt_p90,
  avg(frt_min_b) AS frt_mean,
  count(*) FILTER (WHERE sla_due_b) AS sla_due,
  count(*) FILTER (WHERE sla_met_b) AS sla_met,
  pct(count(*) FILTER (WHERE sla_met_b), count(*) FILTER (WHERE sla_due_b)) AS sla_percent,
  count(*) AS created,
  count(*) FILTER (WHERE resolved) AS resolved,
  pct(count(*) FILTER (WHERE resolved), count(*)) AS resolved_percent,
  quantile_cont(res_h_b, 0.5) AS res_median,
  quantile_cont(res_h_b, 0.9) AS res_p90,
  count(*) FILTER (WHERE NOT resolved) AS open,
  arg_min(to_end_h_b, created_at) FILTER (WHERE NOT resolved) AS oldest_open_hours
FROM tickets_b ${BY_GROUPS};
`;

const BLOCK_TABLES = {
  volume: 'g_volume',
  calls: 'g_calls',
  tickets: 'g_tickets',
  fcr: 'g_fcr',
  nps: 'g_nps',
  csat: 'g_csat',
  churn: 'g_churn',
};

/**
 * One row per group: each source's figures as a struct (NULL when the group has none), and the target verdicts.
 * With `business`, also `tickets_b` (g_tickets_b, the time blocks in business time), which then decides the
 * first-response SLA verdict.
 */
export const scorecardsSql = (business) => {
  const tables = business ? { ...BLOCK_TABLES, tickets_b: 'g_tickets_b' } : BLOCK_TABLES;
  const slaTable = business ? 'g_tickets_b' : 'g_tickets';
  return `
SELECT k.kind, k.agent, k.channel,
  ${Object.entries(tables)
    .map(([block, table]) => `CASE WHEN ${table}.kind IS NOT NULL THEN ${table} END AS ${block}`)
    .join(',\n  ')},
  verdict(g_nps.score, ${bound('nps', 'min')}, ${bound('nps', 'max')}) AS target_nps,
  verdict(g_csat.percent, ${bound('csat', 'min')}, ${bound('csat', 'max')}) AS target_csat,
  verdict(${slaTable}.sla_percent, ${bound('firstResponseSla', 'min')}, ${bound('firstResponseSla', 'max')})
    AS target_first_response_sla,
  verdict(g_churn.percent, ${bound('churn', 'min')}, ${bound('churn', 'max')}) AS target_churn,
  verdict(g_calls.service_level_percent, ${bound('serviceLevel', 'min')}, ${bound('serviceLevel', 'max')})
    AS target_service_level
FROM g_keys k
${Object.values(tables)
  .map(
    (table) =>
      `LEFT JOIN ${table} ON ${table}.kind = k.kind AND ${table}.agent IS NOT DISTINCT FROM k.agent` +
      ` AND ${table}.channel IS NOT DISTINCT FROM k.channel`,
  )
  .join('\n')}`;
};

function bound(target, side) {
  const value = CONFIG.targets[target]?.[side];
  return value === undefined ? 'NULL::DOUBLE' : String(value);
}

/**
 * Runs the SQL in a fresh in-memory DuckDB over the four CSVs and returns the scorecards in the report shape:
 * `expected` (CONFIG, calendar time) and, with `business`, `businessExpected` (BUSINESS_CONFIG).
 *
 * @param {{ callsCsv: string, ticketsCsv: string, surveysCsv: string, customersCsv: string }} files absolute paths
 * @param {{ business?: boolean }} [options]
 */
export async function computeScorecards(files, { business = true } = {}) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(tablesSql(files));
    const read = async (withBusinessHours) =>
      toExpectedReport(
        (await connection.runAndReadAll(scorecardsSql(withBusinessHours))).getRowObjectsJS().map(toNumbers),
      );
    const expected = await read(false);
    if (!business) return { expected };
    await connection.run(BUSINESS_SQL);
    return { expected, businessExpected: await read(true) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** DuckDB counts arrive as bigint (also inside structs); the report's figures are plain numbers. */
function toNumbers(value) {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toNumbers(inner)]));
}

/**
 * SQL rows → the shape of `cs-kpi/report@1` (only the figures this oracle checks), rows sorted by their key so
 * the written oracle file is stable. Plain JSON: what `--write-oracle` writes is what was compared.
 */
export function toExpectedReport(rows) {
  const expected = {
    overall: null,
    byAgent: [],
    byChannel: [],
    byAgentChannel: [],
    bySegment: [],
    // The month is clean (bench/README.md): every value parses, so no data-quality issue.
    dataQuality: { issues: 0 },
  };
  const order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const byKey = (a, b) => order(a.agent ?? '', b.agent ?? '') || order(a.channel ?? '', b.channel ?? '');
  for (const row of [...rows].sort(byKey)) {
    if (row.kind === 'segment') {
      expected.bySegment.push({ segment: row.agent, churn: churnBlock(row.churn) });
      continue;
    }
    const scorecard = toScorecard(row);
    if (row.kind === 'overall') expected.overall = scorecard;
    else if (row.kind === 'agent') expected.byAgent.push({ agent: row.agent, ...scorecard });
    else if (row.kind === 'channel') expected.byChannel.push({ channel: row.channel, ...scorecard });
    else expected.byAgentChannel.push({ agent: row.agent, channel: row.channel, ...scorecard });
  }
  return expected;
}

function churnBlock(churn) {
  if (churn === null) return null;
  return {
    activeAtStart: churn.active_at_start,
    churned: churn.churned,
    percent: churn.percent,
    revenuePercent: churn.revenue_percent,
    lowConfidence: churn.active_at_start < MIN_SAMPLE,
  };
}

function firstResponseBlock(tickets, businessTime) {
  return {
    n: tickets.frt_n,
    medianMinutes: tickets.frt_median,
    p90Minutes: tickets.frt_p90,
    meanMinutes: tickets.frt_mean,
    slaDue: tickets.sla_due,
    slaMet: tickets.sla_met,
    slaPercent: tickets.sla_percent,
    businessTime,
    lowConfidence: tickets.frt_n < MIN_SAMPLE,
  };
}

function resolutionBlock(tickets) {
  return {
    created: tickets.created,
    resolved: tickets.resolved,
    resolvedPercent: tickets.resolved_percent,
    medianHours: tickets.res_median,
    p90Hours: tickets.res_p90,
    open: tickets.open,
    oldestOpenHours: tickets.oldest_open_hours,
    lowConfidence: tickets.created < MIN_SAMPLE,
  };
}

/**
 * The time blocks. Without business hours: calendar time, `businessTime: false`. With them (`ticketsB`): the block
 * in business time and its `calendar` sub-object repeating every field in calendar time (SPEC §3, §7, §10).
 */
function timeBlocks(tickets, ticketsB) {
  if (!tickets) return { firstResponse: tickets, resolution: tickets };
  if (ticketsB === undefined) {
    return { firstResponse: firstResponseBlock(tickets, false), resolution: resolutionBlock(tickets) };
  }
  return {
    firstResponse: { ...firstResponseBlock(ticketsB, true), calendar: firstResponseBlock(tickets, false) },
    resolution: { ...resolutionBlock(ticketsB), calendar: resolutionBlock(tickets) },
  };
}

function toScorecard({ volume, nps, csat, tickets, tickets_b: ticketsB, calls, fcr, churn, ...row }) {
  const callCount = volume?.calls ?? 0;
  const ticketCount = volume?.tickets ?? 0;
  return {
    volume: {
      contacts: callCount + ticketCount,
      calls: callCount,
      tickets: ticketCount,
      surveys: volume?.surveys ?? 0,
    },
    nps: nps && {
      n: nps.n,
      promoters: nps.promoters,
      passives: nps.passives,
      detractors: nps.detractors,
      score: nps.score,
      marginOfError: nps.margin_of_error,
      lowConfidence: nps.n < MIN_SAMPLE,
    },
    csat: csat && {
      n: csat.n,
      satisfied: csat.satisfied,
      percent: csat.percent,
      mean: csat.mean,
      ci95: [csat.ci_low, csat.ci_high],
      lowConfidence: csat.n < MIN_SAMPLE,
    },
    ...timeBlocks(tickets, ticketsB),
    calls: calls && {
      offered: calls.offered,
      answered: calls.answered,
      missed: calls.missed,
      abandonPercent: calls.abandon_percent,
      serviceLevelPercent: calls.service_level_percent,
      asaSeconds: calls.asa_seconds,
      ahtSeconds: calls.aht_seconds,
      callbackPercent: calls.callback_percent,
      lowConfidence: calls.offered < MIN_SAMPLE,
    },
    churn: churnBlock(churn),
    iqs: null,
    fcr: fcr && { n: fcr.n, resolvedFirstContact: fcr.yes, percent: fcr.percent, lowConfidence: fcr.n < MIN_SAMPLE },
    targets: {
      nps: row.target_nps,
      csat: row.target_csat,
      firstResponseSla: row.target_first_response_sla,
      churn: row.target_churn,
      serviceLevel: row.target_service_level,
    },
  };
}
