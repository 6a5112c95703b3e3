"""Scrape product prices from a list of catalogue pages.

Pages are fetched concurrently with a small thread pool. Transient failures (timeouts, 429 and
5xx responses) are retried with exponential backoff and jitter; anything else is logged and skipped.
"""
import csv
import logging
import random
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Iterable, Optional

import requests
from bs4 import BeautifulSoup

log = logging.getLogger("scraper")

RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_ATTEMPTS = 5
BASE_DELAY = 0.5  # seconds
MAX_DELAY = 20.0


@dataclass
class Product:
    url: str
    title: str
    price: Optional[float]


def fetch(session: requests.Session, url: str, timeout: float = 10.0) -> Optional[str]:
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            resp = session.get(url, timeout=timeout)
            if resp.status_code not in RETRY_STATUS:
                resp.raise_for_status()
                return resp.text
            reason = f"HTTP {resp.status_code}"
        except (requests.ConnectionError, requests.Timeout) as exc:
            reason = type(exc).__name__
        except requests.HTTPError as exc:
            log.warning("giving up on %s: %s", url, exc)
            return None
        # full jitter: sleep a random amount up to the exponential cap
        delay = random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1)))
        log.info("attempt %d for %s failed (%s), retrying in %.1fs", attempt, url, reason, delay)
        time.sleep(delay)
    log.error("all %d attempts failed for %s", MAX_ATTEMPTS, url)
    return None


def parse(url: str, html: str) -> Product:
    soup = BeautifulSoup(html, "html.parser")
    title_tag = soup.select_one("h1.product-title") or soup.find("title")
    title = title_tag.get_text(strip=True) if title_tag else ""
    price_tag = soup.select_one("[itemprop=price]") or soup.select_one(".price")
    price = None
    if price_tag:
        raw = price_tag.get("content") or price_tag.get_text()
        try:
            price = float(raw.replace("$", "").replace(",", "").strip())
        except ValueError:
            log.debug("unparsable price %r on %s", raw, url)
    return Product(url, title, price)


def scrape(urls: Iterable[str], workers: int = 8) -> list[Product]:
    session = requests.Session()
    session.headers["User-Agent"] = "price-watch/0.3 (+ops@example.com)"
    results = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(fetch, session, u): u for u in urls}
        for fut in as_completed(futures):
            url = futures[fut]
            html = fut.result()
            if html is not None:
                results.append(parse(url, html))
    return results


def main(path_in: str = "urls.txt", path_out: str = "prices.csv") -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    with open(path_in) as f:
        urls = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    started = time.monotonic()
    products = scrape(urls)
    with open(path_out, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["url", "title", "price"])
        for p in sorted(products, key=lambda p: p.url):
            writer.writerow([p.url, p.title, "" if p.price is None else f"{p.price:.2f}"])
    log.info("scraped %d/%d pages in %.1fs", len(products), len(urls), time.monotonic() - started)


if __name__ == "__main__":
    main()
