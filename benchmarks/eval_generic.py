"""ML101 (generic-anchor-text) on the real link texts of ../shared/corpus: every text it flags,
with its count, whole phrases and word by word apart, so its precision can be read off the list.

    python benchmarks/eval_generic.py            # the flagged texts and the totals

Every Markdown file of the corpus (the Go blog, MkDocs' docs, each real site's sources) is read as
``medlint check`` reads it (its language from its front matter, else every list applies), and
each link with words is judged as ML101 judges it.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from medlint.document import read_document
from medlint.language import of_front_matter
from medlint.rules.anchor_text import _worded, generic_phrases
from medlint.similarity.topics import normalize_text

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: nothing measured")
        return 0
    whole: Counter[str] = Counter()
    by_words: Counter[str] = Counter()
    judged = 0
    for path in sorted(CORPUS.rglob("*.md")):
        if "node_modules" in path.parts:
            continue
        doc = read_document(str(path))
        if doc.read_error is not None:
            continue
        generic = generic_phrases(of_front_matter(doc.meta) if isinstance(doc.meta, dict) else None)
        for link in doc.text_links:
            if not _worded(link):
                continue
            judged += 1
            text = normalize_text(link.text)
            if text in generic.phrases:
                whole[text] += 1
            elif text in generic:
                by_words[text] += 1
    print(f"{judged:,} link texts with words in {CORPUS}")
    print(f"\nflagged as a whole phrase: {sum(whole.values())} links, {len(whole)} texts")
    for text, count in whole.most_common():
        print(f"  {count:>4}  {text}")
    print(f"\nflagged word by word (no phrase as a whole): {sum(by_words.values())} links, {len(by_words)} texts")
    for text, count in by_words.most_common():
        print(f"  {count:>4}  {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
