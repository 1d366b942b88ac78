"""Lighthouse scores for one page of every page type (scripts/measure/page_weight.py's page_types()), and
the page a missing address shows (asked for as /404.html, which comes with status 200: Lighthouse
reports an error instead of scores for a page that comes with status 404).

It builds the site (`mkdocs build --strict`, with site_url set to where it is served, so that
canonical links are right), serves it on 127.0.0.1 with text files gzipped as GitHub Pages sends
them, runs node_modules/.bin/lighthouse with the
default mobile preset against Debian's Chromium, and prints the four category scores, LCP, TBT,
CLS and total byte weight of each page. It exits 1 unless every page scores at least 0.98 for
performance and 1.0 for accessibility, best practices and SEO, with Total Blocking Time at most
150 ms; for a category that misses, it lists the audits that cost points.

    make lighthouse                                  # installs lighthouse (npm ci), then runs this
    .venv/bin/python -m scripts.measure.lighthouse --save lighthouse-reports/   # also keep the JSON
    .venv/bin/python -m scripts.measure.lighthouse --only help,tags --runs 5    # some page types only

Not part of `make test`: Lighthouse is slow, and its performance score depends on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scripts.browsers.chromium import CHROMIUM, CHROMIUM_ARGS
from scripts.measure.page_weight import build_site, page_types
from scripts.browsers.static_server import serve

ROOT = Path(__file__).resolve().parents[2]

LIGHTHOUSE = Path(os.environ.get("LIGHTHOUSE", ROOT / "node_modules" / ".bin" / "lighthouse"))
CHROME_FLAGS = " ".join(["--headless", *CHROMIUM_ARGS])
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# The lowest score each category may have.
REQUIRED = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
MAX_TBT_MS = 150


@dataclass
class Result:
    kind: str
    url: str
    scores: dict[str, float | None]
    lcp_ms: float
    tbt_ms: float
    cls: float
    total_bytes: int
    lost: dict[str, list[str]]  # category -> audits that cost it points

    @property
    def ok(self) -> bool:
        return all((self.scores[c] or 0) >= minimum for c, minimum in REQUIRED.items()) and self.tbt_ms <= MAX_TBT_MS


def run_lighthouse(url: str) -> dict:
    """One Lighthouse run (mobile preset, simulated throttling); the parsed JSON report."""
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} not found: run `npm ci --no-audit --no-fund` (or `make lighthouse`)")
    command = [
        str(LIGHTHOUSE), url,
        "--output=json", "--output-path=stdout", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM},
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def points_lost(report: dict, category: str) -> list[str]:
    """The weighted audits of a category that did not score full marks."""
    audits = report["audits"]
    lost = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            shown = audit.get("displayValue") or ""
            lost.append(f"{ref['id']} (score {audit['score']:.2f}{', ' + shown if shown else ''}): {audit['title']}")
    return lost


def summarise(kind: str, report: dict) -> Result:
    audits = report["audits"]
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    return Result(
        kind=kind,
        url=report["finalDisplayedUrl"],
        scores=scores,
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        total_bytes=int(audits["total-byte-weight"]["numericValue"]),
        lost={c: points_lost(report, c) for c in CATEGORIES if (scores[c] or 0) < REQUIRED[c]},
    )


def table(results: list[Result], base_url: str) -> str:
    def score(value):
        return "  -  " if value is None else f"{value:.2f}"

    lines = [
        f"{'page type':<10} {'perf':>5} {'a11y':>5} {'b-p':>5} {'seo':>5} {'LCP s':>6} {'TBT ms':>7} "
        f"{'CLS':>6} {'KB':>6}  page",
        f"{'-' * 10} {'-' * 5} {'-' * 5} {'-' * 5} {'-' * 5} {'-' * 6} {'-' * 7} {'-' * 6} {'-' * 6}  {'-' * 30}",
    ]
    for r in results:
        lines.append(
            f"{r.kind:<10} " + " ".join(f"{score(r.scores[c]):>5}" for c in CATEGORIES)
            + f" {r.lcp_ms / 1000:>6.2f} {r.tbt_ms:>7.0f} {r.cls:>6.3f} {r.total_bytes / 1000:>6.1f}"
            + f"  /{r.url.removeprefix(base_url)}"
        )
    lines.append("Mobile preset, simulated throttling. KB: Lighthouse's total byte weight, as transferred "
                 "(text gzipped; 1 KB = 1,000 bytes).")
    lines.append(f"Required: performance >= 0.98; accessibility, best practices and SEO = 1.00; "
                 f"Total Blocking Time <= {MAX_TBT_MS} ms.")
    for r in results:
        for category, audits in r.lost.items():
            lines.append(f"{r.kind}: {category} {score(r.scores[category])} lost points on:")
            lines += [f"    {audit}" for audit in audits] or ["    (no single weighted audit; see the report)"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1,
                        help="runs per page; the run with the median performance score is reported")
    parser.add_argument("--save", type=Path, help="folder to write each JSON report to")
    parser.add_argument("--only", help="comma-separated page types to run (default: all)")
    args = parser.parse_args(argv)

    pages = {**page_types(), "404": "404.html"}
    if args.only:
        chosen = args.only.split(",")
        if unknown := [kind for kind in chosen if kind not in pages]:
            parser.error(f"no page type {', '.join(unknown)}; choose from: {', '.join(pages)}")
        pages = {kind: pages[kind] for kind in chosen}
    results = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        # Serve first, then build with site_url set to the served address.
        with serve(site, compress=True) as base_url:
            os.environ["SITE_URL"] = base_url
            build_site(site)
            for kind, path in pages.items():
                reports = [run_lighthouse(base_url + path) for _ in range(args.runs)]
                reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
                report = reports[len(reports) // 2]
                if args.runs > 1:
                    perf = [r["categories"]["performance"]["score"] for r in reports]
                    tbt = sorted(round(r["audits"]["total-blocking-time"]["numericValue"]) for r in reports)
                    print(f"{kind}: performance over {args.runs} runs {perf}, median {statistics.median(perf)}; "
                          f"TBT ms {tbt}")
                if args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    (args.save / f"{kind.replace(' ', '-')}.json").write_text(json.dumps(report, indent=1))
                results.append(summarise(kind, report))
    print(table(results, base_url))
    failed = [r.kind for r in results if not r.ok]
    if failed:
        print(f"FAIL: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
