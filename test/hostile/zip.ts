/**
 * A minimal ZIP writer (APPNOTE.TXT 4.3) for hostile workbooks: stored or deflated entries whose
 * central directory may lie about sizes and CRCs, and a raw SpreadsheetML builder on top of it, so
 * that the corpus controls every byte exceljs would normalise away (formulas without a cached
 * value, shared formulas, external links, hidden sheets, DTDs). Nothing here is shipped.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** 0 stored, 8 deflated (default) */
  method?: 0 | 8;
  /** What the headers claim instead of the truth (a lying zip bomb, a damaged entry). */
  lie?: { uncompressedSize?: number; compressedSize?: number; crc?: number };
}

/** The bytes of a ZIP archive holding `entries`, in order. */
export function zip(entries: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const method = entry.method ?? 8;
    const body = method === 8 ? deflateRawSync(data, { level: 9 }) : data;
    const crc = entry.lie?.crc ?? crc32(data);
    const compressedSize = entry.lie?.compressedSize ?? body.length;
    const uncompressedSize = entry.lie?.uncompressedSize ?? data.length;
    const name = Buffer.from(entry.name, 'utf8');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5c21, 12); // 2026-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressedSize >>> 0, 18);
    local.writeUInt32LE(uncompressedSize >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x5c21, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(compressedSize >>> 0, 20);
    central.writeUInt32LE(uncompressedSize >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// ---------------------------------------------------------------------------------------------
// SpreadsheetML by hand

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A cell: text (an inline string), a number, or raw `<c>` content with attributes. */
export type CellSpec = string | number | null | { raw: string; t?: string; s?: number };

export function columnName(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `<row>` XML with explicit `r` references. */
export function rowXml(rowNumber: number, cells: readonly CellSpec[]): string {
  const parts = cells.map((cell, i) => {
    const ref = `${columnName(i)}${rowNumber}`;
    if (cell === null) return '';
    if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
    if (typeof cell === 'string')
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(cell)}</t></is></c>`;
    const t = cell.t === undefined ? '' : ` t="${cell.t}"`;
    const s = cell.s === undefined ? '' : ` s="${cell.s}"`;
    return `<c r="${ref}"${t}${s}>${cell.raw}</c>`;
  });
  return `<row r="${rowNumber}">${parts.join('')}</row>`;
}

export function sheetXml(rows: readonly (readonly CellSpec[])[], after = '', before = ''): string {
  const body = rows.map((cells, i) => rowXml(i + 1, cells)).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${before}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${body}</sheetData>${after}</worksheet>`;
}

export interface SheetSpec {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** the whole worksheet part */
  xml: string;
  /** the sheet's own relationships part (hyperlinks, tables) */
  rels?: string;
}

export interface WorkbookSpec {
  sheets: readonly SheetSpec[];
  sharedStrings?: readonly string[];
  /** a raw sharedStrings.xml instead of `sharedStrings` */
  sharedStringsXml?: string;
  /** an external workbook link part (`xl/externalLinks/externalLink1.xml`) pointing at this URL */
  externalLink?: string;
  /** extra entries appended to the archive */
  extra?: readonly ZipInput[];
}

/** Styles: 0 General, 1 `yyyy-mm-dd hh:mm:ss` (built-in 22), 2 `[h]:mm:ss` (built-in 46). */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="46" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** The entries of a workbook (use with `zip`). */
export function workbookEntries(spec: WorkbookSpec): ZipInput[] {
  const sheetOverrides = spec.sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  const entries: ZipInput[] = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheetOverrides}</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
  ];
  const sheets = spec.sheets
    .map((sheet, i) => {
      const state = sheet.state === undefined ? '' : ` state="${sheet.state}"`;
      return `<sheet name="${xmlText(sheet.name)}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`;
    })
    .join('');
  const n = spec.sheets.length;
  const external =
    spec.externalLink === undefined
      ? ''
      : `<externalReferences><externalReference r:id="rId${n + 3}"/></externalReferences>`;
  entries.push({
    name: 'xl/workbook.xml',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets}</sheets>${external}</workbook>`,
  });
  const rels = spec.sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(`<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  if (spec.sharedStrings !== undefined || spec.sharedStringsXml !== undefined) {
    rels.push(`<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  if (spec.externalLink !== undefined) {
    rels.push(`<Relationship Id="rId${n + 3}" Type="${REL}/externalLink" Target="externalLinks/externalLink1.xml"/>`);
  }
  entries.push({
    name: 'xl/_rels/workbook.xml.rels',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}">${rels.join('')}</Relationships>`,
  });
  entries.push({ name: 'xl/styles.xml', data: STYLES });
  if (spec.sharedStringsXml !== undefined) {
    entries.push({ name: 'xl/sharedStrings.xml', data: spec.sharedStringsXml });
  } else if (spec.sharedStrings !== undefined) {
    const items = spec.sharedStrings.map((text) => `<si><t xml:space="preserve">${xmlText(text)}</t></si>`).join('');
    entries.push({
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}" count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">${items}</sst>`,
    });
  }
  if (spec.externalLink !== undefined) {
    entries.push({
      name: 'xl/externalLinks/externalLink1.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="${MAIN}" xmlns:r="${REL}"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>external</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
    });
    entries.push({
      name: 'xl/externalLinks/_rels/externalLink1.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/externalLinkPath" Target="${xmlText(spec.externalLink)}" TargetMode="External"/></Relationships>`,
    });
  }
  spec.sheets.forEach((sheet, i) => {
    entries.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheet.xml });
    if (sheet.rels !== undefined)
      entries.push({ name: `xl/worksheets/_rels/sheet${i + 1}.xml.rels`, data: sheet.rels });
  });
  entries.push(...(spec.extra ?? []));
  return entries;
}

/** A workbook's bytes. */
export function workbook(spec: WorkbookSpec): Buffer {
  return zip(workbookEntries(spec));
}

export const SHEET_RELS_HYPERLINK = (url: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/hyperlink" Target="${xmlText(url)}" TargetMode="External"/></Relationships>`;
