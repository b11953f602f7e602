// The benchmark's static server: HTTPS (HTTP/2, with HTTP/1.1 fallback) and brotli, as a CDN
// would serve a partner's assets. Chromium asks for `br` only over HTTPS, so the bench makes a
// throwaway self-signed certificate with `openssl` and the browser ignores certificate errors.
// Every compressible response is brotli quality 11 (window 22, as `brotli -q 11`), compressed
// once per file version and cached in memory.
//
//   node bench/server.mjs --mount /=dist --mount /surveyjs=target/bench-stage/surveyjs [--port 8443]
//
// The end-to-end tests keep using demo/server.mjs (plain HTTP, gzip).
import { execFileSync } from 'node:child_process';
import { createSecureServer } from 'node:http2';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { files, send } from '../demo/server.mjs';

/** A self-signed certificate for 127.0.0.1 and localhost, made by openssl in a temporary directory. */
export function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch (error) {
    throw new Error(`openssl could not make a certificate (is openssl installed?): ${error.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const compressed = new Map();

function brotli(file, mtime, body) {
  const key = `${file}\0${mtime}\0${body.length}`;
  let out = compressed.get(key);
  if (!out) {
    out = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 22,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    compressed.set(key, out);
  }
  return out;
}

/** Starts the server; `mounts` maps URL prefixes to directories ('/' must be one of them). */
export function serve({ mounts, port = 0, host = '127.0.0.1' }) {
  const find = files(mounts);
  const server = createSecureServer({ ...selfSignedCertificate(), allowHTTP1: true }, async (req, res) => {
    const found = await find(req.method, new URL(req.url, 'https://localhost').pathname);
    if (typeof found === 'number') return send(res, found);
    let { file, body, type, mtime } = found;
    // Revalidated on reuse: the bench gives every run a fresh browser context (empty cache).
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    if (/\bbr\b/.test(req.headers['accept-encoding'] ?? '') && !type.startsWith('image/')) {
      body = brotli(file, mtime, body);
      headers['content-encoding'] = 'br';
      headers['vary'] = 'Accept-Encoding';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((ready) => server.listen(port, host, () => ready(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const mounts = {};
  let port = 8443;
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--port') port = Number(value);
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
  console.log(`serving on https://${address}:${actual}/ (self-signed certificate)`);
}
