#!/usr/bin/env python3
"""Sends N requests of garbage to a running Ansaf (random targets, methods, headers and bodies) over
raw sockets, so nothing is cleaned up by an HTTP library, and reports what came back: every status,
how many were 5xx, and how many answers under /api/ were HTML. Exit status 1 when any 5xx or any
HTML under /api/ was seen.

    python3 bench/hostile/garbage.py http://127.0.0.1:8080 10000 [seed]

Reproducible: the same seed sends the same requests. Load stays on 127.0.0.1, one request at a
time on a fresh connection each.
"""
import collections
import random
import socket
import sys
import time
import urllib.parse

BASES = ["/api/v1/blogs/posts/", "/api/v1/blogs/posts/1/", "/api/v1/blogs/categories/", "/api/v1/blogs/comments/",
         "/api/v1/pages/", "/api/v1/pages/about/", "/api/v1/auth/login/", "/api/v1/auth/csrf/", "/api/v1/auth/me/",
         "/api/v1/auth/users/", "/api/v1/changes/", "/api/v1/", "/api/", "/ws/v1/blogs/", "/ws/v1/pages/"]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "G\x00ET", "get", "X" * 40]
PIECES = ["%zz", "%", "%2F", "%2e%2e", "..", "{", "}", "|", "^", "`", "%00", "%ff%fe", "\u00e9", ";jsessionid=x", "//",
          "?", "#", "%u0041", "%c0%af", "~", "[", "]", "'", "\"", "<script>", "\\", "%0d%0a", "a" * 300]
QUERIES = ["page=-1", "page=99999999999999999999", "page_size=0", "page=abc", "ordering=;drop", "search=" + "x" * 500,
           "search=%00", "status=nope", "since=zz", "channel=blogs&since=%zz", "limit=-5", "author=%ff", "a=" + "%" * 10,
           "channel=pages&limit=1e9", "&&&", "=", "page=1&page=2"]
BODIES = [b"", b"{", b"}", b"[]", b"null", b"42", b"\"x\"", b"{\"title\":", b"{\"title\":1e999}", b"{\"a\":" * 200,
          b"{\"title\":\"a\"} {\"title\":\"b\"}", b"\xff\xfe\x00", b"{\"title\":\"\\ud800\"}", b"<xml/>",
          b"title=a&status=draft", b"{\"status\":\"published\",\"slug\":\"../../etc\"}", b"{\"version\":\"x\"}",
          b"{\"title\":\"" + b"a" * 70000 + b"\"}", b"{\"__proto__\":{}}", b"\x00" * 100]
TYPES = ["application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
         "multipart/form-data; boundary=x", "", "application/merge-patch+json", "*/*", "application/json\x00"]
HEADERS = ["If-Match: *", "If-Match: garbage", "If-None-Match: \"x\"", "If-Modified-Since: yesterday", "Prefer: conflict=merge",
           "X-CSRFToken: " + "a" * 100, "Cookie: JSESSIONID=../../x", "Cookie: csrftoken=\x01", "Origin: http://evil.example",
           "Origin: null", "X-Forwarded-For: 1.2.3.4, ::1", "Accept: text/html", "Accept: application/xml",
           "Accept-Encoding: gzip, br", "Range: bytes=0-1", "Transfer-Encoding: chunked", "Expect: 100-continue",
           "Content-Length: -1", "Upgrade: websocket", "Connection: Upgrade", "Host: evil.example"]


def target(rng):
    t = rng.choice(BASES)
    for _ in range(rng.randint(0, 3)):
        at = rng.randint(0, len(t))
        t = t[:at] + rng.choice(PIECES) + t[at:]
    if rng.random() < 0.5:
        t += "?" + "&".join(rng.choice(QUERIES) for _ in range(rng.randint(1, 3)))
    return t


def request(rng, host):
    method = rng.choice(METHODS)
    path = target(rng)
    body = rng.choice(BODIES) if rng.random() < 0.7 else bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 200)))
    headers = ["Host: " + host, "Connection: close"]
    headers += rng.sample(HEADERS, rng.randint(0, 4))
    kind = rng.choice(TYPES)
    if kind:
        headers.append("Content-Type: " + kind)
    chunked = any(h.startswith("Transfer-Encoding") for h in headers)
    if not chunked and not any(h.startswith("Content-Length") for h in headers):
        headers.append("Content-Length: %d" % len(body))
    if chunked:
        body = b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    head = "%s %s HTTP/1.1\r\n%s\r\n\r\n" % (method, path, "\r\n".join(headers))
    return path, head.encode("utf-8", "surrogateescape") + body


def send(addr, data):
    with socket.create_connection(addr, timeout=10) as s:
        s.sendall(data)
        chunks = []
        while True:
            try:
                c = s.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not c:
                break
            chunks.append(c)
    reply = b"".join(chunks)
    head, _, body = reply.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if not lines or not lines[0].startswith("HTTP/"):
        return None, "", body
    status = int(lines[0].split()[1])
    ctype = next((l.split(":", 1)[1].strip() for l in lines[1:] if l.lower().startswith("content-type:")), "")
    return status, ctype, body


def main():
    base = urllib.parse.urlparse(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    addr = (base.hostname, base.port or 80)
    statuses = collections.Counter()
    bad = []
    started = time.time()
    for i in range(n):
        path, data = request(rng, "%s:%d" % addr)
        try:
            status, ctype, body = send(addr, data)
        except OSError as e:
            statuses["no answer"] += 1
            continue
        statuses[status if status is not None else "not HTTP"] += 1
        html = b"<html" in body[:2000].lower() or ctype.startswith("text/html")
        if status is not None and status >= 500 or (path.startswith("/api/") and html):
            bad.append((status, ctype, data[:120], body[:160]))
    took = time.time() - started
    print("%d requests in %.1f s (%.0f/s)" % (n, took, n / took))
    for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0])):
        print("  %-10s %6d" % (k, v))
    print("5xx or HTML under /api/: %d" % len(bad))
    for b in bad[:20]:
        print("  ", b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
