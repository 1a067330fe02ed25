/**
 * A tiny SMTP server for tests (127.0.0.1, a free port): speaks EHLO/HELO, MAIL FROM, RCPT TO,
 * DATA, RSET, NOOP and QUIT (no STARTTLS, no AUTH beyond accepting it), enough for nodemailer,
 * and keeps every message it receives. `failWith` makes it refuse mail (a failing server).
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface SunkMessage {
  readonly from: string;
  readonly to: readonly string[];
  /** the raw message as sent (headers and body), dot-unstuffed */
  readonly raw: string;
}

export interface SmtpSink {
  readonly port: number;
  /** smtp://127.0.0.1:port */
  readonly url: string;
  readonly messages: SunkMessage[];
  /** while set, MAIL FROM is answered with this error (e.g. '554 5.3.0 refused') */
  failWith: string | null;
  close(): Promise<void>;
}

function session(socket: Socket, sink: SmtpSink): void {
  socket.setEncoding('utf8');
  let buffer = '';
  let from = '';
  let to: string[] = [];
  let data: string[] | null = null;
  const reply = (line: string) => socket.write(`${line}\r\n`);
  const reset = () => {
    from = '';
    to = [];
    data = null;
  };
  reply('220 smtp-sink ESMTP ready');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 2);
      if (data !== null) {
        if (line === '.') {
          sink.messages.push({ from, to: [...to], raw: data.join('\r\n') });
          reset();
          reply('250 2.0.0 OK: queued');
        } else {
          data.push(line.startsWith('..') ? line.slice(1) : line);
        }
        continue;
      }
      const verb = line.slice(0, 4).toUpperCase();
      const arg = line.slice(4).trim();
      if (verb === 'EHLO') {
        socket.write('250-smtp-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760\r\n');
      } else if (verb === 'HELO') {
        reply('250 smtp-sink');
      } else if (verb === 'MAIL') {
        if (sink.failWith) {
          reply(sink.failWith);
          continue;
        }
        reset();
        from = /<([^>]*)>/.exec(arg)?.[1] ?? '';
        reply('250 2.1.0 OK');
      } else if (verb === 'RCPT') {
        to.push(/<([^>]*)>/.exec(arg)?.[1] ?? '');
        reply('250 2.1.5 OK');
      } else if (verb === 'DATA') {
        if (to.length === 0) {
          reply('503 5.5.1 RCPT first');
          continue;
        }
        data = [];
        reply('354 End data with <CR><LF>.<CR><LF>');
      } else if (verb === 'RSET') {
        reset();
        reply('250 2.0.0 OK');
      } else if (verb === 'NOOP') {
        reply('250 2.0.0 OK');
      } else if (verb === 'QUIT') {
        reply('221 2.0.0 Bye');
        socket.end();
      } else {
        reply('502 5.5.2 Command not implemented');
      }
    }
  });
  socket.on('error', () => undefined);
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sockets = new Set<Socket>();
  const sink: { port: number; url: string; messages: SunkMessage[]; failWith: string | null; close(): Promise<void> } = {
    port: 0,
    url: '',
    messages: [],
    failWith: null,
    close: async () => undefined,
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    session(socket, sink);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('smtp sink: no port');
  sink.port = address.port;
  sink.url = `smtp://127.0.0.1:${address.port}`;
  sink.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return sink;
}

/** The decoded text of a sunk message's parts (quoted-printable and base64 undone), for assertions. */
export function decodedBody(raw: string): string {
  const out: string[] = [];
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split).toLowerCase();
    const body = part.slice(split).trim();
    if (/content-transfer-encoding:\s*base64/.test(headers)) out.push(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8'));
    else if (/content-transfer-encoding:\s*quoted-printable/.test(headers)) {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      out.push(Buffer.from(bytes, 'latin1').toString('utf8'));
    } else out.push(body);
  }
  return out.join('\n');
}
