// What a pod's container answers to one HTTP request, by image.
// The official nginx image's default site (welcome page, 50x page, its 404 and 405 pages), httpd's
// "It works!", and for any other image that listens a short text line naming the pod (the
// simulation does not know what it would serve).
import { imageFamily, serverHeader } from '../logs/image-logs';

export interface HttpAnswer {
  status: number;
  /** Response headers in the order the server sends them (Date included: simulated time). */
  headers: [string, string][];
  body: Buffer;
  /** Body bytes as the access log counts them (none for HEAD or 304). */
  bodyBytes: number;
}

export interface AskedRequest {
  method: string;
  /** The request target as sent (`/index.html?x=1`). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Answerer {
  /** `namespace/name` of the pod. */
  pod: string;
  image: string;
  /** The container port the request reached. */
  port: number;
  /** Now, in simulated ms (the Date header). */
  nowMs: number;
}

/** usr/share/nginx/html/index.html of the nginx images (615 bytes). */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** usr/share/nginx/html/50x.html (497 bytes). */
const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** htdocs/index.html of the httpd image (45 bytes). */
export const HTTPD_IT_WORKS = '<html><body><h1>It works!</h1></body></html>\n';

/** The files' mtimes (Last-Modified, and nginx's ETag): the simulation's figures for the images' builds. */
const NGINX_MTIME = Date.UTC(2024, 10, 26, 15, 55, 0);
const HTTPD_MTIME = Date.UTC(2007, 5, 11, 18, 53, 14);
/** httpd's ETag is inode-free since 2.4 (size-mtime in µs, hex); this is the one its index.html has. */
const HTTPD_ETAG = '"2d-432a5e4a73a80"';

const httpDate = (ms: number) => new Date(ms).toUTCString();

/** The request path as the server maps it to a file: no query, percent-decoded, slashes merged (nginx merge_slashes). */
function filePath(url: string): string {
  let path = url.split('?')[0].split('#')[0];
  try {
    path = decodeURIComponent(path);
  } catch {
    // an undecodable path is looked up as sent (and not found)
  }
  return path.replace(/\/{2,}/g, '/');
}

function header(req: AskedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The answer of the container at `who` to `req`. */
export function answer(req: AskedRequest, who: Answerer): HttpAnswer {
  const family = imageFamily(who.image);
  if (family === 'nginx') return nginx(req, who);
  if (family === 'httpd') return httpd(req, who);
  const body = Buffer.from(`pod ${who.pod} (image ${who.image}) answered ${req.method} ${filePath(req.url)} on port ${who.port}\n`);
  return {
    status: 200,
    headers: [
      ['Date', httpDate(who.nowMs)],
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Content-Length', String(body.length)],
    ],
    body,
    bodyBytes: req.method === 'HEAD' ? 0 : body.length,
  };
}

function nginx(req: AskedRequest, who: Answerer): HttpAnswer {
  const server = serverHeader(who.image)!;
  const base: [string, string][] = [
    ['Server', server],
    ['Date', httpDate(who.nowMs)],
  ];
  // ngx_http_special_response.c: the error page, its tail naming the version (CRLF line ends).
  const error = (status: number, text: string): HttpAnswer => {
    const body = Buffer.from(`<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`);
    return { status, headers: [...base, ['Content-Type', 'text/html'], ['Content-Length', String(body.length)]], body, bodyBytes: req.method === 'HEAD' ? 0 : body.length };
  };
  // ngx_http_static_handler: only GET, HEAD and POST get that far; POST to a file is not allowed.
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') return error(405, 'Not Allowed');
  const path = filePath(req.url);
  const file = path === '/' || path === '/index.html' ? NGINX_WELCOME : path === '/50x.html' ? NGINX_50X : undefined;
  if (file === undefined) return error(404, 'Not Found');
  if (req.method === 'POST') return error(405, 'Not Allowed');
  const size = Buffer.byteLength(file);
  const etag = `"${Math.floor(NGINX_MTIME / 1000).toString(16)}-${size.toString(16)}"`;
  const lastModified = httpDate(NGINX_MTIME);
  if (notModified(req, etag, lastModified)) {
    return { status: 304, headers: [...base, ['Last-Modified', lastModified], ['ETag', etag]], body: Buffer.alloc(0), bodyBytes: 0 };
  }
  const body = Buffer.from(file);
  return {
    status: 200,
    headers: [...base, ['Content-Type', 'text/html'], ['Content-Length', String(size)], ['Last-Modified', lastModified], ['ETag', etag], ['Accept-Ranges', 'bytes']],
    body,
    bodyBytes: req.method === 'HEAD' ? 0 : size,
  };
}

function httpd(req: AskedRequest, who: Answerer): HttpAnswer {
  const date: [string, string] = ['Date', httpDate(who.nowMs)];
  const server: [string, string] = ['Server', serverHeader(who.image)!];
  const error = (status: number, title: string, p: string): HttpAnswer => {
    const body = Buffer.from(`<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${title}</title>\n</head><body>\n<h1>${title}</h1>\n<p>${p}</p>\n</body></html>\n`);
    return { status, headers: [date, server, ['Content-Length', String(body.length)], ['Content-Type', 'text/html; charset=iso-8859-1']], body, bodyBytes: req.method === 'HEAD' ? 0 : body.length };
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(405, 'Method Not Allowed', `The requested method ${htmlEscape(req.method)} is not allowed for this URL.`);
  const path = filePath(req.url);
  if (path !== '/' && path !== '/index.html') return error(404, 'Not Found', 'The requested URL was not found on this server.');
  const lastModified = httpDate(HTTPD_MTIME);
  if (notModified(req, HTTPD_ETAG, lastModified)) return { status: 304, headers: [date, server, ['ETag', HTTPD_ETAG]], body: Buffer.alloc(0), bodyBytes: 0 };
  const body = Buffer.from(HTTPD_IT_WORKS);
  return {
    status: 200,
    headers: [date, server, ['Last-Modified', lastModified], ['ETag', HTTPD_ETAG], ['Accept-Ranges', 'bytes'], ['Content-Length', String(body.length)], ['Content-Type', 'text/html']],
    body,
    bodyBytes: req.method === 'HEAD' ? 0 : body.length,
  };
}

/** A conditional GET a static file server answers with 304: If-None-Match first, else an exact If-Modified-Since. */
function notModified(req: AskedRequest, etag: string, lastModified: string): boolean {
  const inm = header(req, 'if-none-match');
  if (inm !== undefined) return inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}` || t.trim() === '*');
  return header(req, 'if-modified-since') === lastModified;
}

function htmlEscape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
