// A small RFC 4180 reader (quoted fields, "" escapes, newlines inside quotes, CRLF, BOM) that keeps the
// line on which each record starts, for error messages. The project has a CSV writer but no reader.

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export function parseCsv(text: string, delimiter = ','): { records: CsvRecord[]; error?: { line: number; message: string } } {
  const s = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let inQuotes = false;
  let quotedAt = 0;
  let sawAny = false;
  const endRecord = () => {
    fields.push(field);
    // A blank line is not a record.
    if (!(fields.length === 1 && fields[0] === '' && !sawAny)) records.push({ line: start, fields });
    fields = [];
    field = '';
    sawAny = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      quotedAt = line;
      sawAny = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      sawAny = true;
    } else if (c === '\r' && s[i + 1] === '\n') {
      // handled by the \n
    } else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
      sawAny = true;
    }
  }
  if (inQuotes) return { records, error: { line: quotedAt, message: 'a quoted field is never closed' } };
  if (field !== '' || fields.length || sawAny) endRecord();
  return { records };
}
