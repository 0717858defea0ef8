"""Linear cost on hostile drafts: for each construct, a draft of n copies and one of 2n, checked
(every rule), fixed (``--fix --unsafe-fixes``, as a patch) and made into the Medium story; the
cost of 2n over n should stay near 2, where a quadratic scan shows near 4.

    python benchmarks/linear.py                 # every construct, n = 20,000 (about 3 min)
    python benchmarks/linear.py --n 50000 --only image-opener

The cost is CPU time of this process (``time.process_time``), the best of ``--runs``: a ratio
timed side by side, never a bound. A construct whose ratio is above ``--limit`` (3) is named, and
the script exits 1. Runs against ``example-site/`` (its MkDocs site and drafts folder), so the
rules that need the site run too.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: a name, and the text repeated n times (each copy is a few bytes of one construct)
CONSTRUCTS: dict[str, str] = {
    "image-opener": "![a](",
    "link-opener": "[",
    "footnote-opener": "[^",
    "label-then-footnote": "[a][^",
    "brace-in-label": "[{",
    "shortcode-link": "[a]({{< ref ",
    "liquid-link": "[a]({% post_url ",
    "angle": "<",
    "html-comment-opener": "<!--",
    "backtick": "`",
    "emphasis": "*a",
    "underscore": "_a",
    "escape": "\\",
    "entity": "&a",
    "autolink": "<https://a.example/",
    "bare-url": "https://a.example/x ",
    "relative-link": "[the guide](guide.md) ",
    "link-home": "[my guide to the site](https://example.com/guide/) ",
    "reference-definition": "[a]: https://a.example/\n",
    "heading": "# a\n",
    "setext": "a\n=\n",
    "list-item": "- a\n",
    "blockquote": "> ",
    "table-row": "| a | b |\n",
    "admonition": "!!! note\n    a\n",
    "fence-opener": "```\n",
    "html-block": "<div>\n",
    "cr-lines": "a\r",
    "crlf-lines": "a\r\n",
    "blank-lines": "\n",
    "words": "writing words ",
}


def cost(session: object, path: Path, text: str, runs: int) -> float:
    """The best CPU time of checking, fixing and previewing ``text`` as the draft ``path``."""
    from medlint.files import FileNamer, Target
    from medlint.story import PreviewError

    best = float("inf")
    for _ in range(runs):
        began = time.process_time()
        result = session.lint_text(path, text)  # type: ignore[attr-defined]
        namer = FileNamer([Target(str(path), None, None, text)], ROOT / "example-site")
        session.fix(result, namer, unsafe=True, write=False)  # type: ignore[attr-defined]
        with contextlib.suppress(PreviewError):  # a draft the story cannot make: its check is still timed
            session.preview(path, text)  # type: ignore[attr-defined]
        best = min(best, time.process_time() - began)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000, help="copies in the smaller draft")
    parser.add_argument("--runs", type=int, default=2, help="best of this many runs for each size")
    parser.add_argument("--limit", type=float, default=3.0, help="the largest ratio taken as linear")
    parser.add_argument("--only", nargs="*", default=None, metavar="NAME", help="these constructs only")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from medlint.config import load_config
    from medlint.session import Session

    site = ROOT / "example-site"
    session = Session.open(load_config(site), use_cache=False)
    path = site / "drafts" / "linear-probe.md"  # never written: checked as unsaved text
    chosen = {name: text for name, text in CONSTRUCTS.items() if args.only is None or name in args.only}
    over = []
    print(f"{'construct':<22} {'bytes (n)':>10} {'n (s)':>8} {'2n (s)':>8} {'ratio':>6}")
    for name, unit in chosen.items():
        small = cost(session, path, unit * args.n, args.runs)
        large = cost(session, path, unit * (2 * args.n), args.runs)
        ratio = large / small if small > 0 else float("nan")
        flag = "  <- above the limit" if ratio > args.limit else ""
        print(f"{name:<22} {len(unit) * args.n:>10,} {small:>8.3f} {large:>8.3f} {ratio:>6.2f}{flag}", flush=True)
        if ratio > args.limit:
            over.append(name)
    if over:
        print(f"not linear: {', '.join(over)}")
        return 1
    print(f"every construct linear (2n/n at most {args.limit}) at n = {args.n:,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
