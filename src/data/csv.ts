/**
 * CSV files as datasets. A small RFC 4180 reader (quoted fields, "" for a quote inside one,
 * CRLF or LF line ends, fields spanning lines) — enough for tabular data, no dependency.
 *
 * The task, unless given: classification when a target value is not a number or when every
 * target is an integer from 0 to 99; regression otherwise. Class labels (numbers when every
 * one is, else strings) become ids 0..k-1 in sorted order, and `classes[id]` holds the
 * original label, as `fit` itself encodes them.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  DataError, InvalidParameterError, checkBoolean, checkKnownOptions, checkOneOf, messages, type TaskKind,
} from '../core/index.js';
import { makeDataset, type Dataset } from './dataset.js';
import { encodeLabels } from './labels.js';

const OWNER = 'loadCsv';

export interface LoadCsvOptions {
  /** The target column: its header name, or its 0-based index. */
  target: string | number;
  /** Whether the first row names the columns; true by default. */
  header?: boolean;
  /** One character; ',' by default. */
  delimiter?: string;
  task?: TaskKind;
}

export interface CsvRecords {
  records: string[][];
  /** The 1-based line on which each record starts. */
  lines: number[];
}

/** Parses CSV text into records; blank lines are skipped. `source` names the text in errors. */
export function parseCsv(text: string, delimiter = ',', source = 'CSV text'): CsvRecords {
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let hasContent = false; // anything but a line end seen in this record (a blank line has none)
  let inQuotes = false;
  let afterQuote = false; // just closed a quoted field
  let quoteLine = 1;
  const endRecord = () => {
    record.push(field);
    if (hasContent) {
      records.push(record);
      lines.push(recordLine);
    }
    record = [];
    field = '';
    hasContent = false;
    afterQuote = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        inQuotes = false;
        afterQuote = true;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    if (afterQuote && c !== delimiter) throw new DataError(messages.csvTextAfterQuote(source, line));
    hasContent = true;
    if (c === delimiter) {
      record.push(field);
      field = '';
      afterQuote = false;
    } else if (c === '"' && field === '') {
      inQuotes = true;
      quoteLine = line;
    } else {
      field += c; // a quote inside an unquoted field is kept as it is
    }
  }
  if (inQuotes) throw new DataError(messages.csvUnclosedQuote(source, quoteLine));
  endRecord();
  return { records, lines };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A strict decimal number (no hex, no empty cell, no 'NaN'), or undefined. */
function parseNumber(cell: string): number | undefined {
  const text = cell.trim();
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(Math.fround(value)) ? value : undefined;
}

/** Loads a CSV file: numeric feature columns and one target column. */
export function loadCsv(path: string, options: LoadCsvOptions): Dataset {
  checkKnownOptions(OWNER, options, ['target', 'header', 'delimiter', 'task']);
  if (typeof path !== 'string' || path === '') throw new InvalidParameterError(messages.invalidValue(OWNER, 'path', path, 'a file path'));
  const { target } = options ?? {};
  const validTarget = (typeof target === 'string' && target !== '') || (Number.isInteger(target) && (target as number) >= 0);
  if (!validTarget) throw new InvalidParameterError(messages.invalidValue(OWNER, 'target', target, 'a column name or a 0-based column index'));
  const header = checkBoolean(OWNER, 'header', options.header ?? true);
  const delimiter = options.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || '"\r\n'.includes(delimiter)) {
    throw new InvalidParameterError(messages.invalidValue(OWNER, 'delimiter', delimiter, 'one character other than a quote or a line end'));
  }
  const task = options.task === undefined ? undefined : checkOneOf(OWNER, 'task', options.task, ['classification', 'regression'] as const);

  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError(messages.csvUnreadable(path, (error as Error).message), { cause: error });
  }
  const { records, lines } = parseCsv(text.replace(/^\uFEFF/, ''), delimiter, path);
  const firstData = header ? 1 : 0;
  if (records.length <= firstData) throw new DataError(messages.csvNoRows(path));
  const width = records[0].length;
  const columns = header ? records[0].map((name) => name.trim()) : Array.from({ length: width }, (_, j) => String(j));
  records.forEach((record, r) => {
    if (record.length !== width) throw new DataError(messages.csvRaggedRow(path, lines[r], record.length, width));
  });
  const targetIndex = typeof target === 'number' ? (target < width ? target : -1) : columns.indexOf(target);
  if (targetIndex < 0) throw new DataError(messages.csvTargetMissing(path, target, columns));
  if (width < 2) throw new DataError(messages.csvNoFeatures(path, columns[targetIndex]));

  const rows = records.slice(firstData);
  const rowLines = lines.slice(firstData);
  const featureIndices = columns.map((_, j) => j).filter((j) => j !== targetIndex);
  const X = new Float32Array(rows.length * featureIndices.length);
  rows.forEach((row, i) => {
    featureIndices.forEach((j, k) => {
      const value = parseNumber(row[j]);
      if (value === undefined) throw new DataError(messages.csvNotNumeric(path, rowLines[i], columns[j], row[j]));
      X[i * featureIndices.length + k] = value;
    });
  });
  const labels = rows.map((row, i) => {
    const cell = row[targetIndex].trim();
    if (cell === '') throw new DataError(messages.csvTargetEmpty(path, rowLines[i], columns[targetIndex]));
    return cell;
  });
  const name = basename(path, extname(path));
  const featureNames = featureIndices.map((j) => columns[j]);
  const targets = readTargets(labels, task, (i) => messages.csvTargetNotNumeric(path, rowLines[i], columns[targetIndex], labels[i]));
  return makeDataset({ name, X, featureNames, ...targets });
}

function readTargets(labels: string[], task: TaskKind | undefined, notNumeric: (i: number) => string): Pick<Dataset, 'y' | 'task' | 'classes'> {
  const numbers = labels.map(parseNumber);
  const allNumeric = numbers.every((v) => v !== undefined);
  const resolved = task ?? (!allNumeric || numbers.every((v) => Number.isInteger(v) && v! >= 0 && v! <= 99) ? 'classification' : 'regression');
  if (resolved === 'regression') {
    const bad = numbers.findIndex((v) => v === undefined);
    if (bad >= 0) throw new DataError(notNumeric(bad));
    return { y: Float32Array.from(numbers as number[]), task: 'regression' };
  }
  const { ids, classes } = encodeLabels(allNumeric ? (numbers as number[]) : labels, OWNER);
  return { y: ids, task: 'classification', classes: classes as number[] | string[] };
}
