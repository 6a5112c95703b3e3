"""A small HTTP client with retries, exponential backoff and a connection pool.

Failed requests are retried with exponential decay of the request rate: the delay doubles after
every attempt, with random jitter so that many clients do not retry in lockstep. Only idempotent
methods are retried unless the caller opts in.
"""
import random
import time
import urllib.parse
from dataclasses import dataclass, field

import http.client


@dataclass
class RetryPolicy:
    max_attempts: int = 5
    backoff_factor: float = 0.5
    max_backoff: float = 30.0
    status_forcelist: tuple = (429, 502, 503, 504)
    retry_methods: frozenset = field(default_factory=lambda: frozenset({"GET", "HEAD", "PUT", "DELETE"}))

    def delay(self, attempt: int) -> float:
        """Full jitter: a random delay between 0 and the capped exponential step."""
        step = min(self.max_backoff, self.backoff_factor * (2 ** attempt))
        return random.uniform(0, step)


class ConnectionPool:
    """Keeps up to ``maxsize`` idle connections per host and reuses them."""

    def __init__(self, maxsize=10, timeout=10.0):
        self.maxsize = maxsize
        self.timeout = timeout
        self._idle = {}

    def get(self, scheme, host, port):
        key = (scheme, host, port)
        idle = self._idle.setdefault(key, [])
        if idle:
            return idle.pop()
        cls = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        return cls(host, port, timeout=self.timeout)

    def put(self, scheme, host, port, conn):
        idle = self._idle.setdefault((scheme, host, port), [])
        if len(idle) < self.maxsize:
            idle.append(conn)
        else:
            conn.close()

    def close(self):
        for conns in self._idle.values():
            for c in conns:
                c.close()
        self._idle.clear()


class Client:
    def __init__(self, base_url, retry=None, pool=None, headers=None):
        self.base = urllib.parse.urlsplit(base_url)
        self.retry = retry or RetryPolicy()
        self.pool = pool or ConnectionPool()
        self.headers = {"User-Agent": "tinyclient/1.4", **(headers or {})}

    def request(self, method, path, body=None, headers=None, retry_unsafe=False):
        port = self.base.port or (443 if self.base.scheme == "https" else 80)
        all_headers = {**self.headers, **(headers or {})}
        last_error = None
        for attempt in range(self.retry.max_attempts):
            conn = self.pool.get(self.base.scheme, self.base.hostname, port)
            try:
                conn.request(method, path, body=body, headers=all_headers)
                resp = conn.getresponse()
                data = resp.read()
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                last_error = exc
            else:
                self.pool.put(self.base.scheme, self.base.hostname, port, conn)
                if resp.status not in self.retry.status_forcelist:
                    return resp.status, dict(resp.getheaders()), data
                last_error = RuntimeError(f"HTTP {resp.status}")
                retry_after = resp.getheader("Retry-After")
                if retry_after and retry_after.isdigit():
                    time.sleep(min(float(retry_after), self.retry.max_backoff))
                    continue
            if method not in self.retry.retry_methods and not retry_unsafe:
                break
            time.sleep(self.retry.delay(attempt))
        raise RuntimeError(f"{method} {path} failed after {attempt + 1} attempts") from last_error

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body, **kw):
        return self.request("POST", path, body=body, **kw)


if __name__ == "__main__":
    client = Client("https://example.org", retry=RetryPolicy(max_attempts=3, backoff_factor=0.2))
    status, headers, body = client.get("/")
    print(status, len(body), headers.get("Content-Type"))
    client.pool.close()
