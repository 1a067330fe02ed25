/** Delimited text files: encoding detection, an RFC 4180 record reader and delimiter sniffing. */

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (Excel in China saves CSV in GBK). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180, leniently: quotes only open a field, CRLF/LF/CR all end a record. */
export function parseCsv(text: string, delimiter: string): { records: CsvRecord[]; unterminatedAt?: number } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoted = false; // the current field was quoted: text after the closing quote is kept as is
  let line = 1;
  let recordLine = 1;
  const endField = (): void => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = (): void => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else if (c === '\r' || c === '\n') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        field += '\n';
        line++;
      } else field += c;
    } else if (c === '"' && !quoted && field.trim() === '') {
      inQuotes = true;
      quoted = true;
      field = '';
    } else if (c === delimiter) endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (inQuotes) return { records, unterminatedAt: recordLine };
  if (field !== '' || fields.length > 0) endRecord();
  return { records, unterminatedAt: undefined };
}

/** Tab for a .tsv file, else whichever of comma and tab comes first in the first `sniffLines` lines (comma by default). */
export function chooseDelimiter(text: string, fileName: string, sniffLines: number): string {
  if (/\.tsv$/i.test(fileName)) return '\t';
  for (const l of text.split(/\r\n|\r|\n/, sniffLines)) {
    if (l.includes(',')) return ',';
    if (l.includes('\t')) return '\t';
  }
  return ',';
}

/** RFC 4180: a field with a comma, a double quote or a line break is quoted, its quotes doubled. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line with CRLF (what Excel writes and expects). */
export const csvLine = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\r\n`;
