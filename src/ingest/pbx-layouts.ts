/**
 * Header-less PBX call detail records, recognised by their column shape (SPEC §2, issue #4):
 * Asterisk `cdr_custom` (the stock 19-column sample mapping), Asterisk `cdr_csv` (16 or 18
 * columns) and FreeSWITCH `cdr_csv` (the 15-column "example" template). A layout names every
 * column and says which of them are our fields; the first record must fit its signature (a
 * timestamp where the call starts, a known disposition or hang-up cause where the outcome is).
 */
export interface PbxLayout {
  name: string;
  columns: readonly string[];
  /** field → column name */
  fields: Record<string, string>;
  /** does a data record fit this layout? */
  fits(cells: readonly string[]): boolean;
}

const TIMESTAMP = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}[ T]\d{1,2}:\d{2}(:\d{2})?$/;
const ASTERISK_DISPOSITIONS = new Set(['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION']);
const ASTERISK_AMAFLAGS = new Set(['DOCUMENTATION', 'BILLING', 'OMIT', 'DEFAULT']);
const HANGUP_CAUSE = /^[A-Z][A-Z_]+$/;

function asterisk(name: string, columns: readonly string[]): PbxLayout {
  const start = columns.indexOf('start');
  const disposition = columns.indexOf('disposition');
  const amaflags = columns.indexOf('amaflags');
  return {
    name,
    columns,
    fields: {
      ...(columns.includes('uniqueid') ? { call_id: 'uniqueid' } : {}),
      customer: 'src',
      agent: 'dst',
      started_at: 'start',
      answered_at: 'answer',
      ended_at: 'end',
      talk_seconds: 'billsec',
      status: 'disposition',
    },
    fits: (cells) =>
      cells.length === columns.length &&
      TIMESTAMP.test(cells[start]!.trim()) &&
      ASTERISK_DISPOSITIONS.has(cells[disposition]!.trim()) &&
      ASTERISK_AMAFLAGS.has(cells[amaflags]!.trim()),
  };
}

const CDR_CSV = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
];

const FREESWITCH = [
  'caller_id_name',
  'caller_id_number',
  'destination_number',
  'context',
  'start_stamp',
  'answer_stamp',
  'end_stamp',
  'duration',
  'billsec',
  'hangup_cause',
  'uuid',
  'bleg_uuid',
  'accountcode',
  'read_codec',
  'write_codec',
];

export const PBX_LAYOUTS: readonly PbxLayout[] = [
  asterisk('Asterisk cdr_custom (19 columns)', [
    'clid',
    'src',
    'dst',
    'dcontext',
    'channel',
    'dstchannel',
    'lastapp',
    'lastdata',
    'start',
    'answer',
    'end',
    'duration',
    'billsec',
    'disposition',
    'amaflags',
    'accountcode',
    'uniqueid',
    'userfield',
    'sequence',
  ]),
  asterisk('Asterisk cdr_csv (18 columns)', [...CDR_CSV, 'uniqueid', 'userfield']),
  asterisk('Asterisk cdr_csv (16 columns)', CDR_CSV),
  {
    name: 'FreeSWITCH cdr_csv (15 columns)',
    columns: FREESWITCH,
    // No status: the hang-up cause does not say whether an agent answered; `answer_stamp` does.
    fields: {
      call_id: 'uuid',
      customer: 'caller_id_number',
      agent: 'destination_number',
      started_at: 'start_stamp',
      answered_at: 'answer_stamp',
      ended_at: 'end_stamp',
      talk_seconds: 'billsec',
    },
    fits: (cells) =>
      cells.length === FREESWITCH.length &&
      TIMESTAMP.test(cells[4]!.trim()) &&
      HANGUP_CAUSE.test(cells[9]!.trim()) &&
      /^[0-9a-f-]{8,}$/i.test(cells[10]!.trim()),
  },
];

/** The layout whose shape the first record fits, if any. */
export function recognisePbxLayout(firstRecord: readonly string[]): PbxLayout | undefined {
  return PBX_LAYOUTS.find((layout) => layout.fits(firstRecord));
}
