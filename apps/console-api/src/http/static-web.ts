import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

import type { HttpRequest, HttpResponse } from './http-types';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built web UI from `root`: files under it by path (hashed assets cached for a year),
 * and index.html for any other GET outside /api, so client-side routes survive a reload. Paths
 * are normalised and must stay inside `root`.
 */
export function staticWeb(root: string): (request: HttpRequest, response: HttpResponse, next: () => void) => void {
  const index = readFileSync(join(root, 'index.html'));
  return (request, response, next) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.path.startsWith('/api/')) return next();
    const file = normalize(join(root, decodeURIComponent(request.path)));
    if (file.startsWith(root + sep) && isFile(file)) {
      response.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      response.setHeader('Cache-Control', request.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      response.send(readFileSync(file));
      return;
    }
    response.setHeader('Content-Type', TYPES['.html'] as string);
    response.setHeader('Cache-Control', 'no-cache');
    response.send(index);
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
