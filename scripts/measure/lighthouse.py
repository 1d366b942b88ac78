"""The figures of the last `make lighthouse`, one line a page type: the median of its runs.

`make lighthouse` builds the site into .lighthouseci/site and runs Lighthouse CI (`lhci autorun`,
pinned in package.json) with lighthouserc.json: Lighthouse's mobile preset in Debian's Chromium,
five runs of one page of every type (page_types(), and the page a missing address shows, asked
for as /404.html so that it comes with status 200), and the assertions that fail the command. LHCI
prints which assertion failed, not the figures; this prints them from the reports it leaves in
.lighthouseci/: each category score, First and Largest Contentful Paint, Total Blocking Time,
layout shift and bytes, as medians.

    make lighthouse                       # runs LHCI, then this
    .venv/bin/python -m scripts.measure.lighthouse   # the table again, from the reports on disk

Not part of `make test`: Lighthouse is slow, and its timings depend on the machine and its load.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from scripts.measure.page_weight import page_types

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / ".lighthouseci"
CONFIG = ROOT / "lighthouserc.json"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Audit id -> (column, unit divisor, format)
METRICS = {
    "first-contentful-paint": ("FCP s", 1000, ".2f"),
    "largest-contentful-paint": ("LCP s", 1000, ".2f"),
    "total-blocking-time": ("TBT ms", 1, ".0f"),
    "cumulative-layout-shift": ("CLS", 1, ".3f"),
    "total-byte-weight": ("KB", 1000, ".1f"),
}


def page_paths() -> dict[str, str]:
    """Page type -> the path Lighthouse CI is given for it (lighthouserc.json lists these)."""
    return {**{kind: "/" + path for kind, path in page_types().items()}, "404": "/404.html"}


def configured_paths(config: Path = CONFIG) -> list[str]:
    return json.loads(config.read_text(encoding="utf-8"))["ci"]["collect"]["url"]


def medians(reports: list[dict]) -> dict[str, float]:
    """The median of each category score and metric over one page's runs."""
    figures = {c: statistics.median(r["categories"][c]["score"] or 0 for r in reports) for c in CATEGORIES}
    figures |= {audit: statistics.median(r["audits"][audit]["numericValue"] for r in reports) for audit in METRICS}
    return figures


def table(reports_by_path: dict[str, list[dict]]) -> str:
    kinds = {path: kind for kind, path in page_paths().items()}
    header = f"{'page type':<13} {'runs':>4} " + " ".join(f"{c[:5]:>5}" for c in ("perf", "a11y", "b-p", "seo"))
    header += " " + " ".join(f"{column:>7}" for column, _, _ in METRICS.values()) + "  page"
    lines = [header]
    for path, reports in reports_by_path.items():
        m = medians(reports)
        line = f"{kinds.get(path, '?'):<13} {len(reports):>4} " + " ".join(f"{m[c]:>5.2f}" for c in CATEGORIES)
        line += " " + " ".join(f"{m[a] / div:>7{fmt}}" for a, (_, div, fmt) in METRICS.items())
        lines.append(f"{line}  {path}")
    lines.append("Medians of each figure over the runs (Lighthouse's mobile preset, simulated throttling; "
                 "KB as transferred, 1 KB = 1,000 bytes).")
    return "\n".join(lines)


def load_reports(folder: Path = REPORTS) -> dict[str, list[dict]]:
    """LHCI's saved reports (lhr-*.json), grouped by the path they ran on, in the config's order."""
    by_path: dict[str, list[dict]] = defaultdict(list)
    for file in sorted(folder.glob("lhr-*.json")):
        report = json.loads(file.read_text(encoding="utf-8"))
        by_path[urlsplit(report["requestedUrl"]).path].append(report)
    order = configured_paths()
    return dict(sorted(by_path.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))


def main() -> int:
    reports = load_reports()
    if not reports:
        print(f"No Lighthouse reports in {REPORTS}: run `make lighthouse`", file=sys.stderr)
        return 1
    print(table(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
