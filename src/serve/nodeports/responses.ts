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
  if (family === 'nginx') return staticSite(req, who, NGINX);
  if (family === 'httpd') return staticSite(req, who, HTTPD);
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

/** What tells one static file server's answers from another's: its files, its error pages, its headers and their order. */
interface StaticServer {
  /** The site's files, by request path (as filePath maps it). */
  files: ReadonlyMap<string, string>;
  /** Methods that get as far as the file lookup; any other is refused (405) before it. Of these, only GET and HEAD read a file. */
  lookupMethods: ReadonlySet<string>;
  /** The files' mtime (Last-Modified). */
  mtimeMs: number;
  etag(size: number): string;
  /** The server's own error page for `status` (HTML), and the Content-Type it sends it with. */
  errorPage(status: 404 | 405, req: AskedRequest, server: string): string;
  errorType: string;
  /** The headers the server sends, in its order: with an error page, a 304, a file. */
  order: Record<'error' | 'notModified' | 'file', string[]>;
}

const NGINX: StaticServer = {
  files: new Map([
    ['/', NGINX_WELCOME],
    ['/index.html', NGINX_WELCOME],
    ['/50x.html', NGINX_50X],
  ]),
  // ngx_http_static_handler: only GET, HEAD and POST get that far; POST to a file is not allowed.
  lookupMethods: new Set(['GET', 'HEAD', 'POST']),
  mtimeMs: NGINX_MTIME,
  etag: (size) => `"${Math.floor(NGINX_MTIME / 1000).toString(16)}-${size.toString(16)}"`,
  // ngx_http_special_response.c: the error page, its tail naming the version (CRLF line ends).
  errorPage: (status, _req, server) => {
    const text = status === 404 ? 'Not Found' : 'Not Allowed';
    return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;
  },
  errorType: 'text/html',
  order: {
    error: ['Server', 'Date', 'Content-Type', 'Content-Length'],
    notModified: ['Server', 'Date', 'Last-Modified', 'ETag'],
    file: ['Server', 'Date', 'Content-Type', 'Content-Length', 'Last-Modified', 'ETag', 'Accept-Ranges'],
  },
};

const HTTPD: StaticServer = {
  files: new Map([
    ['/', HTTPD_IT_WORKS],
    ['/index.html', HTTPD_IT_WORKS],
  ]),
  lookupMethods: new Set(['GET', 'HEAD']),
  mtimeMs: HTTPD_MTIME,
  etag: () => HTTPD_ETAG,
  errorPage: (status, req) => {
    const [title, p] = status === 404 ? ['Not Found', 'The requested URL was not found on this server.'] : ['Method Not Allowed', `The requested method ${htmlEscape(req.method)} is not allowed for this URL.`];
    return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${title}</title>\n</head><body>\n<h1>${title}</h1>\n<p>${p}</p>\n</body></html>\n`;
  },
  errorType: 'text/html; charset=iso-8859-1',
  order: {
    error: ['Date', 'Server', 'Content-Length', 'Content-Type'],
    notModified: ['Date', 'Server', 'ETag'],
    file: ['Date', 'Server', 'Last-Modified', 'ETag', 'Accept-Ranges', 'Content-Length', 'Content-Type'],
  },
};

/** What the static file server `site` answers: its file, a 304 to a conditional GET, or its error page. */
function staticSite(req: AskedRequest, who: Answerer, site: StaticServer): HttpAnswer {
  const server = serverHeader(who.image)!;
  const lastModified = httpDate(site.mtimeMs);
  const reply = (status: number, body: Buffer, order: string[], values: Record<string, string>): HttpAnswer => {
    const all: Record<string, string> = { Server: server, Date: httpDate(who.nowMs), 'Content-Length': String(body.length), 'Last-Modified': lastModified, 'Accept-Ranges': 'bytes', ...values };
    return { status, headers: order.map((name) => [name, all[name]]), body, bodyBytes: req.method === 'HEAD' ? 0 : body.length };
  };
  const error = (status: 404 | 405): HttpAnswer => reply(status, Buffer.from(site.errorPage(status, req, server)), site.order.error, { 'Content-Type': site.errorType });
  if (!site.lookupMethods.has(req.method)) return error(405);
  const file = site.files.get(filePath(req.url));
  if (file === undefined) return error(404);
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(405);
  const body = Buffer.from(file);
  const etag = site.etag(body.length);
  if (notModified(req, etag, lastModified)) return reply(304, Buffer.alloc(0), site.order.notModified, { ETag: etag });
  return reply(200, body, site.order.file, { 'Content-Type': 'text/html', ETag: etag });
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
