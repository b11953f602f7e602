// A small static file server for the demo and the end-to-end tests (Node, no dependencies).
//
//   node demo/server.mjs --root dist [--port 8080] [--mount /pages=tests/e2e/pages]
//
// Any HTML response to a request with `?csp=strict` carries the strict Content-Security-Policy
// a careful partner site would send, so tests can prove the widget needs nothing looser.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * What a request is answered with, for this server and the benchmark's (bench/server.mjs):
 * `mounts` maps URL prefixes to directories ('/' must be one of them). The returned function
 * gives the file for a GET of `pathname` (a directory gives its index.html), `{file, body, type,
 * mtime}`, or the status to answer instead: 400 for a malformed escape, 404 for anything else,
 * including a path that leaves its mount.
 */
export function files(mounts) {
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix.replace(/\/$/, ''), resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  return async (method, pathname) => {
    let path;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      // A malformed escape (say /%E0%A4%A) is the client's error, not a reason to stop serving.
      return 400;
    }
    const [prefix, dir] = table.find(([p]) => path === p || path.startsWith(p + '/')) ?? [];
    if (dir === undefined || method !== 'GET') return 404;
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + sep)) return 404;
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      const body = await readFile(file);
      return { file, body, type: TYPES[extname(file)] ?? 'application/octet-stream', mtime: info.mtimeMs };
    } catch {
      return 404;
    }
  };
}

/** Starts a server; `mounts` maps URL prefixes to directories ('/' must be one of them). */
export function serve({ mounts, port = 0, host = '127.0.0.1' }) {
  const find = files(mounts);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const found = await find(req.method, url.pathname);
    if (typeof found === 'number') return send(res, found);
    let { body, type } = found;
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-store' };
    // Compressed as a CDN would (browsers ask for brotli only over HTTPS; gzip here).
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && !type.startsWith('image/')) {
      body = gzipSync(body, { level: 9 });
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
    }
    if (type.startsWith('text/html') && url.searchParams.get('csp') === 'strict') {
      headers['Content-Security-Policy'] = STRICT_CSP;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((ready) => server.listen(port, host, () => ready(server)));
}

/** A plain-text answer with only a status (shared with bench/server.mjs). */
export function send(res, status) {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(`${status}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const mounts = {};
  let port = 8080;
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--root') mounts['/'] = value;
    else if (flag === '--port') port = Number(value);
    else if (flag === '--mount') {
      const [prefix, dir] = value.split('=');
      mounts[prefix] = dir;
    } else {
      console.error(`unknown option ${flag}`);
      process.exit(2);
    }
  }
  const server = await serve({ mounts, port });
  const { address, port: actual } = server.address();
  console.log(`serving ${mounts['/']} on http://${address}:${actual}/`);
}
