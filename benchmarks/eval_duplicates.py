"""Evaluate duplicate detection on real posts: recall per kind of planted draft, and false alarms.

The site is the Go blog (../shared/corpus/go-blog) minus 61 held-out posts. Drafts planted from
site pages: verbatim copies; copies with 10%, 15% and 25% of words replaced and sentences
shuffled or dropped; one copied section inside an unrelated article; cross-posts with the right
and a wrong canonical URL. Unrelated drafts: the 61 held-out posts and the 19 MkDocs docs pages.

    python benchmarks/eval_duplicates.py            # defaults, through the real CLI
    python benchmarks/eval_duplicates.py --sweep    # also recall and false alarms per threshold

Random choices are seeded, so the figures are reproducible.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SITE_URL = "https://go.dev/blog/"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
PER_KIND = 40
HELD_OUT = 61


def split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            return text[: end + 5], text[end + 5 :]
    return "", text


def prose_words(body: str) -> int:
    return len(re.findall(r"\w+", re.sub(r"```.*?```", "", body, flags=re.S)))


def paragraphs(body: str) -> list[str]:
    return body.split("\n\n")


def is_prose(block: str) -> bool:
    first = block.lstrip()[:1]
    return (
        bool(first) and (first.isalpha() or first in "*_[`(\"'") and "```" not in block and not block.startswith("    ")
    )


def edit(body: str, share: float, rng: random.Random, vocabulary: list[str]) -> str:
    """Replace ``share`` of the prose words, shuffle sentences in some paragraphs, drop a few."""
    out = []
    for block in paragraphs(body):
        if not is_prose(block):
            out.append(block)
            continue
        sentences = SENTENCE.split(" ".join(block.split("\n")))
        if len(sentences) > 2 and rng.random() < 0.3:
            rng.shuffle(sentences)
        if len(sentences) > 3 and rng.random() < 0.2:
            sentences.pop(rng.randrange(len(sentences)))
        words = " ".join(sentences).split(" ")
        for index, word in enumerate(words):
            if word.isalpha() and rng.random() < share:
                words[index] = rng.choice(vocabulary)
        out.append(" ".join(words))
    return "\n\n".join(out)


def section(body: str, rng: random.Random) -> str:
    """Three to five consecutive prose paragraphs of about 150-300 words."""
    blocks = [block for block in paragraphs(body) if is_prose(block)]
    for _ in range(50):
        start = rng.randrange(max(len(blocks) - 3, 1))
        chosen = blocks[start : start + rng.randint(3, 5)]
        if 150 <= sum(len(block.split()) for block in chosen) <= 400:
            return "\n\n".join(chosen)
    return "\n\n".join(blocks[:4])


def build(workdir: Path, seed: int = 7, per_kind: int = PER_KIND) -> dict[str, tuple[str, str | None]]:
    """Write the site and the drafts (``per_kind`` planted drafts of each kind, half as many
    cross-posts); return {draft name: (kind, expected page stem or None)}."""
    rng = random.Random(seed)
    posts = sorted((CORPUS / "go-blog").glob("*.md"))
    rng.shuffle(posts)
    held_out, site_posts = posts[:HELD_OUT], posts[HELD_OUT:]
    site, drafts = workdir / "site", workdir / "drafts"
    site.mkdir(parents=True)
    drafts.mkdir()
    for post in site_posts:
        shutil.copy(post, site / post.name)
    texts = {post.stem: post.read_text(encoding="utf-8") for post in site_posts}
    vocabulary = sorted({w for t in texts.values() for w in re.findall(r"[a-z]{3,12}", t)})
    sources = [stem for stem, text in texts.items() if prose_words(split_front_matter(text)[1]) >= 400]
    rng.shuffle(sources)
    unrelated_bodies = [split_front_matter(p.read_text(encoding="utf-8"))[1] for p in held_out]
    expected: dict[str, tuple[str, str | None]] = {}

    def plant(name: str, kind: str, stem: str | None, text: str) -> None:
        (drafts / f"{name}.md").write_text(text, encoding="utf-8")
        expected[f"{name}.md"] = (kind, stem)

    for number in range(per_kind):
        stem = sources[number % len(sources)]
        _, body = split_front_matter(texts[stem])
        header = f"---\ntitle: Draft {number} about {stem}\n---\n"
        plant(f"copy-{number}", "verbatim copy", stem, header + body)
        for share in (0.10, 0.15, 0.25):
            plant(
                f"edit{int(share * 100)}-{number}",
                f"{int(share * 100)}% edited",
                stem,
                header + edit(body, share, rng, vocabulary),
            )
        host = unrelated_bodies[number % len(unrelated_bodies)]
        blocks = paragraphs(host)
        middle = len(blocks) // 2
        spliced = "\n\n".join([*blocks[:middle], section(body, rng), *blocks[middle:]])
        plant(f"section-{number}", "copied section", stem, f"---\ntitle: Unrelated article {number}\n---\n" + spliced)
    for number in range(per_kind // 2):
        stem = sources[(number + 7) % len(sources)]
        _, body = split_front_matter(texts[stem])
        plant(
            f"xpost-right-{number}",
            "cross-post, right canonical",
            stem,
            f"---\ntitle: Cross-post {number}\ncanonical_url: {SITE_URL}{stem}/\n---\n" + body,
        )
        wrong = sources[(number + 11) % len(sources)]
        plant(
            f"xpost-wrong-{number}",
            "cross-post, wrong canonical",
            stem,
            f"---\ntitle: Cross-post {number}\ncanonical_url: {SITE_URL}{wrong}/\n---\n" + body,
        )
    for number, post in enumerate(held_out):
        plant(f"unrelated-go-{number}", "unrelated", None, post.read_text(encoding="utf-8"))
    for number, page in enumerate(sorted((CORPUS / "mkdocs-docs").rglob("*.md"))):
        plant(f"unrelated-mkdocs-{number}", "unrelated", None, page.read_text(encoding="utf-8"))
    return expected


def hit(kind: str, stem: str | None, findings: list[dict]) -> bool:
    """Whether the findings for one draft are what its kind calls for."""

    def names(code: str) -> set[str]:
        return {Path(r["path"]).stem for f in findings if f["code"] == code for r in f.get("related", [])[:1]}

    if kind == "unrelated":
        return not any(f["code"] in ("ML301", "ML302") and not f["genuine"] for f in findings)
    if kind == "copied section":
        return stem in names("ML302") or stem in names("ML301")
    if kind == "cross-post, right canonical":
        return not any(f["code"] in ("ML301", "ML304") for f in findings)
    if kind == "cross-post, wrong canonical":
        return any(f["code"] == "ML304" and f"{SITE_URL}{stem}/" in f["message"] for f in findings)
    return stem in names("ML301")


def longest_shared_run(a: list[str], b: list[str]) -> int:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def lines_words(path: Path, first: int, last: int) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return re.findall(r"\w+", " ".join(lines[first - 1 : last]).lower())


def genuine(finding: dict, workdir: Path) -> bool:
    """Independent of medlint's scoring: do the reported draft and page passages share a run of
    at least 8 identical words? Then the repeat is real (templated posts do this), not a false alarm."""
    draft = workdir / finding["path"]
    for related in finding.get("related", []):
        if "end_line" not in related:
            continue
        start = related.get("draft_line", finding["line"])
        end = finding.get("end_line", start) if "draft_line" not in related else start + 40
        draft_words = lines_words(draft, start, max(end, start))
        page_words = lines_words(workdir / related["path"], related["line"], related["end_line"])
        if longest_shared_run(draft_words, page_words) >= 8:
            return True
    return False


def score(expected: dict[str, tuple[str, str | None]], findings: list[dict]) -> dict[str, tuple[int, int]]:
    by_draft: dict[str, list[dict]] = defaultdict(list)
    for finding in findings:
        by_draft[Path(finding["path"]).name].append(finding)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, (kind, stem) in expected.items():
        tally[kind][1] += 1
        tally[kind][0] += hit(kind, stem, by_draft.get(name, []))
    return {kind: (ok, total) for kind, (ok, total) in tally.items()}


CHECK_ARGS = [
    "check",
    "drafts",
    "--site",
    "site",
    "--site-url",
    SITE_URL,
    "--select",
    "ML301,ML302,ML304",
    "--format",
    "json",
    "--no-cache",
]
"""The medlint command the evaluation runs in its work folder (before any extra arguments)."""


def run_cli(workdir: Path, extra: list[str]) -> list[dict]:
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(workdir / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "medlint", *CHECK_ARGS, *extra],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    return judged(json.loads(done.stdout), workdir)


def judged(findings: list[dict], workdir: Path) -> list[dict]:
    """The findings, each marked ``genuine`` when its repeat is confirmed independently."""
    for finding in findings:
        finding["genuine"] = genuine(finding, workdir)
    return findings


def report(tally: dict[str, tuple[int, int]], label: str, repeats: int | None = None) -> None:
    print(f"\n{label}")
    for kind, (ok, total) in tally.items():
        what = "false alarms" if kind == "unrelated" else "recall"
        value = total - ok if kind == "unrelated" else ok
        print(f"  {kind:<30} {what}: {value}/{total} ({value / total:.0%})")
    if repeats is not None:
        print(f"  {'unrelated':<30} with a real repeat reported (8+ identical words): {repeats} posts")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sweep", action="store_true", help="also try other thresholds")
    parser.add_argument("--show", action="store_true", help="list the findings on unrelated posts")
    args = parser.parse_args()
    if not (CORPUS / "go-blog").is_dir():
        print(f"skipped: {CORPUS} is absent")
        return 0
    with tempfile.TemporaryDirectory(prefix="medlint-eval-") as temporary:
        workdir = Path(temporary)
        expected = build(workdir)
        findings = run_cli(workdir, [])
        repeats = len(
            {f["path"] for f in findings if expected[Path(f["path"]).name][0] == "unrelated" and f["genuine"]}
        )
        report(score(expected, findings), "defaults (min_score 0.5, passage_threshold 0.7)", repeats)
        if args.show:
            for f in findings:
                if expected[Path(f["path"]).name][0] == "unrelated" and f["code"] in ("ML301", "ML302"):
                    print(
                        f"    {'repeat' if f['genuine'] else 'FALSE ALARM'}: {f['path']}:{f['line']} {f['message'][:110]}"
                    )
        if args.sweep:
            for min_score in (0.3, 0.4, 0.6):
                config = workdir / f"s{min_score}.yml"
                config.write_text(f"rules:\n  duplicate-content: {{min_score: {min_score}}}\n")
                report(score(expected, run_cli(workdir, ["--config", str(config)])), f"min_score {min_score}")
            for threshold in (0.6, 0.8):
                config = workdir / f"p{threshold}.yml"
                config.write_text(f"rules:\n  copied-passage: {{passage_threshold: {threshold}}}\n")
                report(score(expected, run_cli(workdir, ["--config", str(config)])), f"passage_threshold {threshold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
