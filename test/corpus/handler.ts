// A small request handler for the report viewer (TypeScript side of the corpus).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Report {
  id: string;
  title: string;
  mean: number;
  channel: 'web' | 'store';
}

const reports = new Map<string, Report>();

/** Parses the JSON body of a request; rejects bodies over 1 MB. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1 << 20) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/reports') {
    const max = Math.max(1, Number(url.searchParams.get('limit') ?? 20));
    send(res, 200, [...reports.values()].slice(0, max));
  } else if (req.method === 'POST' && url.pathname === '/reports') {
    readJson(req)
      .then((body) => {
        const report = body as Report;
        reports.set(report.id, report);
        send(res, 201, { ok: true });
      })
      .catch((err: Error) => send(res, 400, { error: err.message }));
  } else {
    send(res, 404, { error: 'not found' });
  }
}

// The padding of the cards should match the grid spacing in the stylesheet.
const sigma = 0.5; // blur radius for the thumbnail shadow
export const style = { padding: 8, margin: 4, shadow: `0 0 ${sigma * 4}px #0003` };

if (process.env.NODE_ENV !== 'test') createServer(handle).listen(8080);
