// Where the launcher's children's output goes. Every process logs pino JSON on stdout; the
// launcher keeps each line whole in the process's log file (data/<mode>/<process>/logs/) and shows
// the terminal either a readable line per entry (pino-pretty: `time  process  LEVEL:  message
// key=value…`) or, with --log-format json, the same JSON with a `process` field, one object a line.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import pinoPretty from 'pino-pretty';

/** pino's numeric levels, for lines a child wrote without pino (boot banner, stderr). */
const INFO = 30;
const ERROR = 50;
/** Keys the line's own columns already show, or that only a machine wants. */
const HIDDEN_KEYS = new Set(['level', 'time', 'msg', 'name', 'pid', 'hostname', 'process', 'v', 'stream', 'brokerName', 'brokerId']);
/** An object with more leaves than this is summarised on the terminal; the file has it whole. */
const MAX_INLINE_LEAVES = 6;
const RECENT_LINES = 3;

/**
 * One terminal for all processes. `format` is `pretty` or `json`; `nameWidth` aligns the process
 * column. Colours only on a terminal that supports them (and not under NO_COLOR).
 */
export function createTerminal({ format, nameWidth, out = process.stdout, err = process.stderr }) {
  const colorize = format === 'pretty' && out.isTTY === true && pinoPretty.isColorSupported && process.env.NO_COLOR === undefined;
  const pretty = pinoPretty.prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'name,pid,hostname',
    hideObject: true,
    singleLine: true,
    customPrettifiers: {
      time: (time) => time,
      level: (_value, _key, log, { labelColorized }) => `${String(log.process).padEnd(nameWidth)}  ${labelColorized}`,
    },
    // pino-pretty puts a colon after the level; pad after it so that messages line up.
    messageFormat: (log, messageKey) => `${' '.repeat(5 - labelOf(log.level).length)}${String(log[messageKey] ?? '')}${fieldsOf(log)}`,
  });
  const write = (entry, stream) => {
    const line = format === 'json' ? `${JSON.stringify(entry)}\n` : pretty(entry);
    stream.write(line.endsWith('\n') ? line : `${line}\n`);
  };
  return {
    format,
    /** A child's entry, already parsed, with `process` set. */
    entry: (entry) => write(entry, entry.stream === 'stderr' ? err : out),
    /** The launcher's own line: `[start] …` as it always was, or a JSON entry of process "start". */
    say: (text, { error = false } = {}) => {
      if (format === 'json')
        write({ level: error ? 'error' : 'info', time: new Date().toISOString(), process: 'start', msg: text }, error ? err : out);
      else (error ? err : out).write(`[start] ${text}\n`);
    },
  };
}

/**
 * The output of one process (across its restarts): each line goes to its log file as JSON and to
 * the terminal; the last few messages are kept for the one-line report when it dies.
 */
export function createProcessLog({ name, file, terminal }) {
  mkdirSync(dirname(file), { recursive: true });
  const sink = createWriteStream(file, { flags: 'a' });
  const recent = [];
  const record = (text, stream) => {
    const parsed = parseEntry(text);
    // Lines a child wrote without pino (boot banner, stderr) become entries too, so the file is all JSON.
    const entry = parsed ?? { level: stream === 'stderr' ? ERROR : INFO, time: new Date().toISOString(), name, stream, msg: text };
    sink.write(parsed === undefined ? `${JSON.stringify(entry)}\n` : `${text}\n`);
    terminal.entry({ ...entry, process: name });
    recent.push(summaryOf(entry));
    if (recent.length > RECENT_LINES) recent.shift();
  };
  return {
    file,
    /** Feeds a child's stdout or stderr, line by line, into the log. */
    attach(readable, stream, onLine = () => undefined) {
      let pending = '';
      readable.setEncoding('utf8');
      readable.on('data', (chunk) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (line.trim() === '') continue;
          record(line, stream);
          onLine(line);
        }
      });
      readable.on('end', () => {
        if (pending.trim() !== '') record(pending, stream);
        pending = '';
      });
    },
    /** The last messages, oldest first, for a one-line report. */
    recent: () => [...recent],
    close: () => new Promise((resolve) => sink.end(resolve)),
  };
}

function parseEntry(text) {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A pino level (a label, as our processes write it, or a number) as the terminal shows it. */
function labelOf(level) {
  if (typeof level === 'string') return level.toUpperCase();
  const names = [
    [60, 'FATAL'],
    [50, 'ERROR'],
    [40, 'WARN'],
    [30, 'INFO'],
    [20, 'DEBUG'],
  ];
  return names.find(([at]) => level >= at)?.[1] ?? 'TRACE';
}

function summaryOf(entry) {
  const text = `${labelOf(entry.level)} ${String(entry.msg ?? '')}${fieldsOf(entry)}`;
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** ` key=value …` for every field the columns do not show; nested objects as dotted keys. */
function fieldsOf(log) {
  const parts = [];
  for (const [key, value] of Object.entries(log)) {
    if (HIDDEN_KEYS.has(key) || value === undefined) continue;
    if (key === 'err' && isObject(value)) {
      parts.push(`err=${quote(String(value.message ?? value.type ?? 'error'))}`);
      continue;
    }
    if (!isObject(value)) {
      parts.push(`${key}=${formatValue(value)}`);
      continue;
    }
    const leaves = flatten(key, value);
    if (leaves.length <= MAX_INLINE_LEAVES) parts.push(...leaves.map(([path, leaf]) => `${path}=${formatValue(leaf)}`));
    else parts.push(`${key}=(${leaves.length} values, in the log file)`);
  }
  return parts.length === 0 ? '' : `  ${parts.join(' ')}`;
}

function flatten(prefix, value) {
  if (!isObject(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => flatten(`${prefix}.${key}`, inner));
}

function isObject(value) {
  return typeof value === 'object' && value !== null;
}

function formatValue(value) {
  if (typeof value === 'string') return quote(value);
  return String(value);
}

/** Bare when the value has no spaces or quotes, else double-quoted (logfmt's convention). */
function quote(text) {
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}
