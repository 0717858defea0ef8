"""Evaluate ML109 (off-target-anchor-text) on real links: the links real posts wrote to other
pages of their own site, as written and aimed elsewhere.

The sites are the real corpora of ../shared/corpus: the Go blog (its posts link each other as
``/blog/NAME``), the MkDocs documentation (relative ``.md`` links), and every real blog of
``sites/`` whose pages link each other (each read by medlint's own model of its generator, and
each link resolved as ``medlint check`` resolves it). For each internal link whose text ML101 does
not already call generic:

- **as written**: ML109 judges the text against the page it links to (at most 5% may be flagged);
- **misdirected**: the same text aimed at an unrelated page of the same site, one whose title
  shares no term with the real target's, chosen with a seeded random (at least 90% must be);
- **titles**: every page's own title, aimed at the page itself (none may be flagged).

A text with no term that can say what a page is about ("my earlier post"), or with fewer than
ML109's ``min_words``, and a target with too little text (a redirect stub) are not judged, and
are counted apart.

    python benchmarks/eval_anchors.py             # the figures at ML109's defaults
    python benchmarks/eval_anchors.py --sweep     # the same per min_coverage
    python benchmarks/eval_anchors.py --show 20   # and the first flagged real links
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from medlint.document import read_document
from medlint.generators import open_site
from medlint.rules.anchor_text import OffTargetOptions, generic_phrases, normalize_text
from medlint.similarity import topics
from medlint.similarity.index import SiteIndex
from medlint.similarity.relevance import judge, off_target
from medlint.site import Reach

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
GO_LINK = re.compile(r"^(?:https://go\.dev)?/blog/([\w.\-]+?)/?(?:#.*)?$")


@dataclass
class Corpus:
    name: str
    index: SiteIndex
    #: (source row, link text, target row) for each internal link
    links: list[tuple[int, str, int]]


def _rows(index: SiteIndex) -> dict[str, int]:
    return {os.path.realpath(path): row for row, path in enumerate(index.columns.paths)}


REDIRECT = re.compile(r"^redirect:\s*/blog/([\w.\-]+?)/?\s*$", re.M)


def _followed(file: Path) -> str:
    """A Go blog post, or the post its front matter ``redirect:`` sends readers to (go.dev serves
    the redirect; the stub itself has no text)."""
    for _ in range(5):
        moved = REDIRECT.search(file.read_text(encoding="utf-8")[:500]) if file.is_file() else None
        if moved is None:
            break
        file = file.with_name(f"{moved.group(1)}.md")
    return os.path.realpath(file)


def go_blog() -> Corpus:
    files = sorted(str(path) for path in (CORPUS / "go-blog").glob("*.md") if path.name != "README.md")
    index = SiteIndex.build(files, use_cache=False, language="en")
    rows = _rows(index)
    links = []
    for file in files:
        for link in read_document(file).links:
            match = GO_LINK.match(link.target) if link.kind == "link" else None
            target = _followed(CORPUS / "go-blog" / f"{match.group(1)}.md") if match else None
            if target in rows and target != os.path.realpath(file):
                links.append((rows[os.path.realpath(file)], link.text, rows[target]))
    return Corpus("Go blog", index, links)


def modelled(name: str, folder: Path, site_url: str | None = None) -> Corpus | None:
    """A real site read by medlint's model, its links resolved as ``medlint check`` does."""
    site = open_site(folder, configured_url=site_url, use_cache=False)
    if site is None or not site.has_pages:
        return None
    if not site.site_url:
        site = open_site(folder, configured_url="https://site.example/", use_cache=False)
    assert site is not None
    index = SiteIndex.of_site(site, use_cache=False)
    rows = _rows(index)
    links = []
    for source in site.page_sources():
        doc = read_document(source, dialect=site.dialect)
        for link in doc.links:
            if link.kind != "link" or not link.target or link.target.startswith("#"):
                continue
            try:
                place = site.locate(link.target, source)
            except ValueError:
                continue
            page = place.page
            if place.reach is Reach.PAGE and page is not None and page.file is not None:
                target = os.path.realpath(page.file)
                if target in rows and target != os.path.realpath(source):
                    links.append((rows[os.path.realpath(source)], link.text, rows[target]))
    return Corpus(name, index, links)


def corpora() -> list[Corpus]:
    found = [go_blog()]
    docs = modelled("MkDocs docs", CORPUS / "mkdocs-docs", "https://www.mkdocs.org/")
    found += [docs] if docs is not None else []
    for built in sorted((CORPUS / "sites").glob("*/*/src")):
        site = modelled(f"{built.parent.parent.name}/{built.parent.name}", built)
        if site is not None and site.links:
            found.append(site)
    return found


HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def _about(index: SiteIndex, row: int) -> set[str]:
    """The terms of a page's title and headings."""
    text = Path(index.path(row)).read_text(encoding="utf-8", errors="replace")
    return set(topics.terms(" ".join([index.title(row), *HEADING.findall(text)]), index.language))


def unrelated(corpus: Corpus, source: int, target: int, rng: random.Random) -> int | None:
    """A page of the site whose title and headings share no term with the target's (nor is it
    the source), with some text of its own."""
    index = corpus.index
    wanted = _about(index, target)
    rows = list(range(len(index.columns)))
    rng.shuffle(rows)
    for row in rows:
        if row not in (source, target) and index.columns.words[row] >= 30 and not wanted & _about(index, row):
            return row
    return None


def evaluate(found: list[Corpus], min_coverage: float, show: int = 0) -> dict[str, tuple[int, int]]:
    generic = generic_phrases("en")
    options = OffTargetOptions()
    counts = {"real": [0, 0], "misdirected": [0, 0], "titles": [0, 0], "not judged": [0, 0], "generic": [0, 0]}
    shown = 0
    for corpus in found:
        index = corpus.index
        for number, (source, text, target) in enumerate(corpus.links):
            if normalize_text(text) in generic:
                counts["generic"][1] += 1
                continue
            real = judge(index, target, text)
            if real is None or real.terms < options.min_words:
                counts["not judged"][1] += 1
                continue
            flagged = off_target(real, min_coverage, options.min_words)
            counts["real"][0] += flagged
            counts["real"][1] += 1
            if flagged and shown < show:
                shown += 1
                print(f"  flagged real link [{corpus.name}]: {text!r} -> {index.title(target)!r} "
                      f"({real.coverage:.2f})")  # fmt: skip
            elsewhere = unrelated(corpus, source, target, random.Random(f"{corpus.name}:{number}"))
            if elsewhere is not None:
                aimed = judge(index, elsewhere, text)
                counts["misdirected"][0] += off_target(aimed, min_coverage, options.min_words)
                counts["misdirected"][1] += 1
        for row in range(len(index.columns)):
            title = index.title(row)
            if title:
                own = judge(index, row, title)
                if own is not None:
                    counts["titles"][0] += off_target(own, min_coverage, 1)
                    counts["titles"][1] += 1
    return {kind: (flagged, total) for kind, (flagged, total) in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sweep", action="store_true", help="the figures per min_coverage")
    parser.add_argument("--show", type=int, default=0, help="print this many flagged real links")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is absent: the evaluation reads the real corpora there")
    found = corpora()
    print("corpora: " + ", ".join(f"{corpus.name} ({len(corpus.links)} internal links)" for corpus in found))
    default = OffTargetOptions().min_coverage
    levels = sorted({default, 0.3, 0.4, 0.45, 0.5, 0.6}) if args.sweep else [default]
    print(
        "| min_coverage | real links flagged | misdirected flagged | own titles flagged | not judged | generic (ML101) |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for level in levels:
        figures = evaluate(found, level, args.show if level == default else 0)

        def share(kind: str, figures: dict[str, tuple[int, int]] = figures) -> str:
            flagged, total = figures[kind]
            return f"{flagged} of {total} ({flagged / total:.1%})" if total else "0 of 0"

        print(f"| {level}{' (default)' if level == default else ''} | {share('real')} | {share('misdirected')} | "
              f"{share('titles')} | {figures['not judged'][1]} | {figures['generic'][1]} |")  # fmt: skip


if __name__ == "__main__":
    main()
