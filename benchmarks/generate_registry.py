"""Write a large registry file (same format as statuses.json) for the benchmarks.

Entries are the built-in ones plus generated "vendor" codes whose phrases and descriptions are
recombined from the real text, so that search sees realistic words, not random letters.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from http_status_browser.registry.loader import BUILTIN_PATH

SEED = 20261125


def builtin_data() -> dict[str, Any]:
    text = Path(BUILTIN_PATH).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def generate(total: int, seed: int = SEED) -> dict[str, Any]:
    """Registry data with `total` entries: the built-in ones, then generated vendor codes."""
    data = builtin_data()
    rng = random.Random(seed)
    statuses: list[dict[str, Any]] = data["statuses"]
    taken = {s["code"] for s in statuses if s["status"] not in ("unofficial", "custom")}
    free_codes = [code for code in range(100, 600) if code not in taken]
    phrase_words = sorted({w for s in statuses for w in s["phrase"].split() if w.isalpha()})
    sentences = [
        sentence.strip() + "."
        for s in statuses
        for paragraph in s["description"]
        for sentence in paragraph.split(". ")
        if sentence.strip()
    ]
    used = {(s["code"], s["defined_by"].casefold()) for s in statuses}
    vendor = 0
    while len(statuses) < total:
        vendor += 1
        for code in free_codes:
            if len(statuses) >= total:
                break
            defined_by = f"Vendor {vendor}"
            if (code, defined_by.casefold()) in used:
                continue
            used.add((code, defined_by.casefold()))
            phrase = " ".join(rng.sample(phrase_words, rng.randint(2, 4)))
            statuses.append(
                {
                    "code": code,
                    "phrase": phrase,
                    "status": "unofficial",
                    "defined_by": defined_by,
                    "summary": rng.choice(sentences),
                    "description": [" ".join(rng.sample(sentences, 3)) for _ in range(2)],
                    "reference": f"{defined_by} documentation",
                    "url": f"https://example.com/vendor-{vendor}/{code}",
                }
            )
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", type=Path)
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args(argv)
    data = generate(args.entries)
    args.output.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {len(data['statuses'])} entries to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
