// Serves a folder over plain HTTP on loopback: a lookaside store as a web server publishes it.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

export interface FileServer {
  url: string;
  /** Every path requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export function serveFolder(folder: string): Promise<FileServer> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const wanted = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(wanted);
    const file = path.join(folder, path.normalize(wanted));
    if (!file.startsWith(folder) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    response.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, requests,
        close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
