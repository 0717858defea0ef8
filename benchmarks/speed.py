"""Speed and memory, side by side with the tools a writer would otherwise use.

    python benchmarks/speed.py                       # everything (about 15 minutes on 2 cores)
    python benchmarks/speed.py lint startup          # some parts only
    python benchmarks/speed.py duplicates --sizes 1000,3000

Parts:

- ``lint``: 1,000 real pages (``../shared/corpus`` plus re-worded copies up to that count), checked by
  medlint with every rule but duplicates (``--ignore ML3 --no-cache``), markdownlint-cli2 (npm, link
  rules MD034, MD042, MD045, MD051, MD059) and pymarkdown (PyPI ``pymarkdownlnt``, ``scan``), each
  run several times; median wall time, peak memory, ratios.
- ``startup``: ``medlint --version`` and a one-file check (the pre-commit case).
- ``blog``: one draft against a Material for MkDocs blog of 10,000 posts (re-worded real posts,
  the blog plugin on), cold and warm, and a draft post inside the blog edited before each run.
- ``hugo``: one draft against a Hugo site of the same 10,000 posts, cold and warm.
- ``generators``: the pre-commit case for every generator: one draft, every rule, against a site
  of 10,000 posts laid out as each generator publishes them (a plain folder, MkDocs, a Material
  blog, ProperDocs, Zensical, Hugo, Jekyll, Zola, Hexo, Astro, Eleventy, Docusaurus), its caches
  filled by a run before, beside ``medlint --version``, the two run in turn (``--generators``
  picks some).
- ``targets``: the speed targets of issue #27 in one table (one draft against 10,000 and 50,000
  cached pages, 200 drafts against 50,000 warm, the cold check against the naive scan, linting
  against markdownlint-cli2, Material's docs with and without ML205 where ``MATERIAL_DOCS`` points
  at a checkout), each with its target and whether it is met.
- ``anchors``: one draft with ten links home against 10,000 cached pages, with and without ML105,
  ML109 and ML110, in turn (what judging anchor text against the site and the profile costs).
- ``import``: a 1,000-page MkDocs build (re-worded real posts, dated, Material's theme): ``medlint
  import-check`` of its build folder beside ``medlint check`` of its sources (``--ignore ML3``), in
  turn; and ``mkdocs build`` with the plugin's Import checks on every page beside it with them off.
- ``duplicates``: a site scaled to 1,000, 3,000 and 10,000 pages of re-worded real posts and 200
  drafts (100 edited copies of site pages, 100 unrelated posts), checked cold (``--no-cache``) and
  warm; the naive scan, ``rapidfuzz.process.cdist(drafts, pages, scorer=fuzz.ratio, workers=-1)``,
  timed on a few drafts and scaled to 200; recall and false alarms of both.

Inputs and the baseline tools go in ``benchmarks/work/`` (ignored by git). Peak memory is the
largest resident set of any one process of the run (``RUSAGE_CHILDREN`` of a fresh interpreter).
Random choices are seeded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eval_duplicates import edit, split_front_matter

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
CORPUS = HERE.parent.parent / "shared" / "corpus"
SITE_URL = "https://blog.example.com/"
MARKDOWNLINT_RULES = ("MD034", "MD042", "MD045", "MD051", "MD059")
# words a re-wording must keep so that Markdown, HTML and URLs stay what they were
KEEP = frozenset(
    [
        "href",
        "http",
        "https",
        "html",
        "www",
        "class",
        "style",
        "src",
        "alt",
        "width",
        "height",
        "title",
        "target",
        "blank",
        "div",
        "span",
        "img",
        "details",
        "summary",
        "table",
        "code",
        "pre",
        "strong",
        "font",
        "iframe",
        "video",
        "audio",
        "source",
        "figure",
        "figcaption",
        "script",
        "center",
        "canonical",
        "tags",
        "draft",
    ]
)
WORD = re.compile(r"\b[a-z]{4,}\b")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    code: int


# Runs the command and reports its wall time and the peak memory of its largest process. A fresh
# interpreter does it, because a child forked from this process would count this process's memory.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def isolated(cwd: Path) -> None:
    """Make a folder of ``benchmarks/work/`` a project of its own. It is inside this repository,
    so without a settings file medlint finds the repository's ``mkdocs.yml`` (the docs site's,
    which turns rules off and names another site) and the benchmark would measure that, not
    what a writer's run does."""
    folder = cwd.resolve()
    if folder != WORK.resolve() and WORK.resolve() not in folder.parents:
        return
    from medlint.config import find_config

    found = find_config(folder)
    if found is None or found[0].parent != folder:
        (folder / ".medlint.yml").write_text("# a project of its own: not the repository's mkdocs.yml\n{}\n")


def installed_like(env: dict[str, str]) -> dict[str, str]:
    """The environment of a measured run, with Python's bytecode written and read as an installed
    package has it (pip compiles a wheel's modules when it installs them). This machine sets
    ``PYTHONDONTWRITEBYTECODE``, under which every run of an editable checkout compiled about 90
    modules again: 80 ms of every figure measured so before 2026-12-07."""
    return {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measure:
    """Wall time and peak resident memory of one command (its largest process)."""
    isolated(cwd)
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty tool must not block
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, *command],
            cwd=cwd,
            env=installed_like({**os.environ, **(env or {})}),
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        seconds, peak_kb, code = done.stdout.split()
        if int(code) not in (0, 1):
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"{' '.join(command)} failed ({code}):\n{message}")
    return Measure(float(seconds), int(peak_kb) / 1024, int(code))


def median_of(command: list[str], cwd: Path, runs: int, env: dict[str, str] | None = None) -> Measure:
    return _summary([run(command, cwd, env) for _ in range(runs)])


def interleaved(commands: list[list[str]], cwd: Path, runs: int, env: dict[str, str] | None = None) -> list[Measure]:
    """:func:`median_of` for each command, the commands run in turn ``runs`` times: a difference of
    a few milliseconds between them is not a change of load between their runs."""
    rounds = [[run(command, cwd, env) for command in commands] for _ in range(runs)]
    return [_summary([measures[n] for measures in rounds]) for n in range(len(commands))]


def _summary(measures: list[Measure]) -> Measure:
    return Measure(statistics.median(m.seconds for m in measures), max(m.peak_mb for m in measures), measures[0].code)


# ---------------------------------------------------------------- inputs


@lru_cache(maxsize=1)
def corpus() -> tuple[tuple[str, str], ...]:
    """The real posts as (unique file name, text)."""
    posts = sorted(CORPUS.glob("*/**/*.md"))
    if not posts:
        raise SystemExit(f"skipped: {CORPUS} is absent or holds no Markdown")
    return tuple(
        ("-".join(post.relative_to(CORPUS).with_suffix("").parts), post.read_text(encoding="utf-8")) for post in posts
    )


@lru_cache(maxsize=1)
def vocabulary() -> list[str]:
    return sorted({word for _, text in corpus() for word in WORD.findall(text)} - KEEP)


def rewording(seed: int) -> dict[str, str]:
    """A random one-to-one substitution of the vocabulary: a copy that reads as another post."""
    words = vocabulary()
    shuffled = words[:]
    random.Random(seed).shuffle(shuffled)
    return dict(zip(words, shuffled, strict=True))


def reword(text: str, mapping: dict[str, str]) -> str:
    out, fenced = [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = WORD.sub(lambda m: mapping.get(m.group(0), m.group(0)), line)
        out.append(line)
    return "\n".join(out)


def scaled_pages(count: int) -> list[tuple[str, str]]:
    """``count`` pages: the real posts first, then re-worded copies of them, in a fixed order."""
    pages: list[tuple[str, str]] = []
    copy = 0
    while len(pages) < count:
        mapping = rewording(copy) if copy else {}
        for stem, text in corpus():
            if len(pages) == count:
                break
            pages.append((f"{stem}-{copy}.md", reword(text, mapping) if copy else text))
        copy += 1
    return pages


def write_folder(folder: Path, pages: list[tuple[str, str]]) -> None:
    """Make ``folder`` hold exactly ``pages``. A page already there as it should be is left alone,
    its file stamp too: a site's pages are older than the draft being checked, not rewritten
    before each measure (a page written within two seconds of the cache is read again)."""
    wanted = dict(pages)
    if folder.exists():
        for path in sorted(folder.rglob("*"), reverse=True):
            name = path.relative_to(folder).as_posix()
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
            elif not path.is_dir() and name not in wanted:
                path.unlink()
    for name, text in pages:
        path = folder / name
        if not (path.is_file() and path.read_text(encoding="utf-8") == text):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- baseline tools


def markdownlint_cli2() -> list[str]:
    node = WORK / "node"
    binary = node / "node_modules" / "markdownlint-cli2" / "markdownlint-cli2-bin.mjs"
    if not binary.exists():
        print("installing markdownlint-cli2 from npm ...", flush=True)
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(node), "markdownlint-cli2"], check=True, capture_output=True
        )
    return ["node", str(binary)]


def pymarkdown() -> list[str]:
    venv = WORK / "pymarkdown-venv"
    binary = venv / "bin" / "pymarkdown"
    if not binary.exists():
        print("installing pymarkdownlnt from PyPI ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "pymarkdownlnt"], check=True)
    return [str(binary)]


def version_of(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True)
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else "?"


MEDLINT = [sys.executable, "-m", "medlint"]
PARTS = ("lint", "startup", "duplicates", "blog", "hugo", "generators", "server", "targets", "anchors", "import")
MATERIAL_EXTENSIONS = (
    "admonition, pymdownx.details, pymdownx.superfences, pymdownx.tabbed, attr_list, md_in_html, abbr, "
    "pymdownx.emoji, pymdownx.keys, pymdownx.mark, pymdownx.caret, pymdownx.critic, pymdownx.tasklist"
)


# ---------------------------------------------------------------- parts


def lint_part(runs: int) -> None:
    folder = WORK / "lint"
    write_folder(folder / "pages", scaled_pages(1000))
    config = {"config": {"default": False, **dict.fromkeys(MARKDOWNLINT_RULES, True)}}
    (folder / ".markdownlint-cli2.jsonc").write_text(json.dumps(config))
    tools = {
        "medlint": [*MEDLINT, "check", "pages", "--ignore", "ML3", "--no-cache", "--quiet"],
        "markdownlint-cli2": [*markdownlint_cli2(), "pages/**/*.md"],
        "pymarkdown": [*pymarkdown(), "scan", "pages"],
    }
    print(f"\nlint: 1,000 pages in {folder / 'pages'}, median of {runs} runs (pymarkdown: {max(runs // 2, 1)})")
    results: dict[str, Measure] = {}
    for name, command in tools.items():
        results[name] = median_of(command, folder, max(runs // 2, 1) if name == "pymarkdown" else runs)
        print(f"  {name:<18} {results[name].seconds:7.2f} s  {results[name].peak_mb:6.0f} MB", flush=True)
    # the same pages as an MkDocs site with Material's usual extensions: read in Python-Markdown's
    # dialect, and the site's pages and URLs asked of MkDocs
    site = folder / "mkdocs-site"
    write_folder(site / "docs", scaled_pages(1000))
    (site / "mkdocs.yml").write_text(
        f"site_name: L\nsite_url: {SITE_URL}\nmarkdown_extensions: [{MATERIAL_EXTENSIONS}]\n"
    )
    dialect = median_of([*MEDLINT, "check", "docs", "--ignore", "ML3", "--no-cache", "--quiet"], site, runs)
    print(f"  {'medlint, MkDocs':<18} {dialect.seconds:7.2f} s  {dialect.peak_mb:6.0f} MB  (Python-Markdown dialect)")
    ours = results["medlint"].seconds
    for name in ("markdownlint-cli2", "pymarkdown"):
        print(f"  medlint / {name:<18} {ours / results[name].seconds:.3f}x wall time")
    print(
        f"  medlint, MkDocs / markdownlint-cli2 {dialect.seconds / results['markdownlint-cli2'].seconds:.3f}x wall time"
    )
    print(
        f"  versions: {version_of([*tools['markdownlint-cli2'][:2], '--version'])}, pymarkdown {version_of([*tools['pymarkdown'][:1], 'version'])}"
    )


def startup_part(runs: int) -> None:
    folder = WORK / "startup"
    name, text = max(corpus(), key=lambda page: len(page[1]) if len(page[1]) < 20_000 else 0)
    write_folder(folder, [("draft.md", text)])
    version = median_of([*MEDLINT, "--version"], folder, runs)
    one = median_of([*MEDLINT, "check", "draft.md"], folder, runs)
    print(f"\nstartup, median of {runs} runs")
    print(f"  medlint --version        {version.seconds:.3f} s  {version.peak_mb:5.0f} MB")
    print(
        f"  medlint check one file   {one.seconds:.3f} s  {one.peak_mb:5.0f} MB  ({name}.md, {len(text.encode()):,} bytes)"
    )


def duplicate_drafts(pages: list[tuple[str, str]]) -> dict[str, str | None]:
    """200 drafts: 100 edited copies of pages among the first 1,000, 100 unrelated posts."""
    rng = random.Random(11)
    drafts: dict[str, tuple[str, str | None]] = {}
    long_pages = [(name, text) for name, text in pages[:1000] if len(split_front_matter(text)[1].split()) >= 400]
    for number, (name, text) in enumerate(rng.sample(long_pages, 100)):
        share = (0.10, 0.15, 0.25)[number % 3]
        drafts[f"copy-{number}.md"] = (
            f"---\ntitle: Draft {number}\n---\n" + edit(split_front_matter(text)[1], share, rng, vocabulary()),
            name,
        )
    unrelated = [text for _, text in corpus()]
    rng.shuffle(unrelated)
    for number in range(100):
        # a re-wording no site page uses: the same kind of text, none of the same sentences
        drafts[f"unrelated-{number}.md"] = (
            reword(unrelated[number % len(unrelated)], rewording(10_000 + number)),
            None,
        )
    folder = WORK / "duplicates" / "drafts"
    write_folder(folder, [(name, text) for name, (text, _) in drafts.items()])
    return {name: source for name, (_, source) in drafts.items()}


def medlint_recall(findings: list[dict], expected: dict[str, str | None]) -> tuple[int, int]:
    named = {Path(f["path"]).name: Path(f["related"][0]["path"]).name for f in findings if f["code"] == "ML301"}
    caught = sum(named.get(draft) == source for draft, source in expected.items() if source)
    false_alarms = sum(draft in named for draft, source in expected.items() if source is None)
    return caught, false_alarms


def naive_scan(expected: dict[str, str | None], site: Path, sample: int) -> tuple[float, int, int, int]:
    """The scan a user would write, on ``sample`` drafts: seconds, pairs, right pages, sample drafts with a source."""
    from rapidfuzz import fuzz, process

    drafts_folder = WORK / "duplicates" / "drafts"
    chosen = [name for name in expected if expected[name]][: sample // 2] + [
        name for name in expected if not expected[name]
    ][: sample - sample // 2]
    names = sorted(path.name for path in site.glob("*.md"))
    pages = [(site / name).read_text(encoding="utf-8") for name in names]
    drafts = [(drafts_folder / name).read_text(encoding="utf-8") for name in chosen]
    start = time.perf_counter()
    scores = process.cdist(drafts, pages, scorer=fuzz.ratio, workers=-1)
    seconds = time.perf_counter() - start
    right = sum(names[int(scores[row].argmax())] == expected[name] for row, name in enumerate(chosen) if expected[name])
    return seconds, len(drafts) * len(pages), right, sum(1 for name in chosen if expected[name])


def duplicates_part(runs: int, sizes: list[int], naive_sample: int) -> None:
    biggest = scaled_pages(max(sizes))
    expected = duplicate_drafts(biggest)
    print(f"\nduplicates: 200 drafts (100 edited copies, 100 unrelated), median of {runs} runs")
    print(f"  {'pages':>6} {'cold s':>8} {'warm s':>8} {'peak MB':>8} {'recall':>8} {'false':>6}")
    cold_times: dict[int, float] = {}
    for size in sizes:
        site = WORK / "duplicates" / f"site-{size}"
        write_folder(site, biggest[:size])
        command = [*MEDLINT, "check", "drafts", "--site", str(site), "--site-url", SITE_URL, "--select", "ML3",
                   "--format", "json"]  # fmt: skip
        env = {"MEDLINT_CACHE_DIR": str(WORK / "duplicates" / f"cache-{size}")}
        cold = median_of([*command, "--no-cache"], WORK / "duplicates", runs, env)
        run(command, WORK / "duplicates", env)  # fill the cache
        warm = median_of(command, WORK / "duplicates", runs, env)
        done = subprocess.run(
            command, cwd=WORK / "duplicates", env={**os.environ, **env}, capture_output=True, text=True
        )
        caught, false_alarms = medlint_recall(json.loads(done.stdout), expected)
        cold_times[size] = cold.seconds
        print(f"  {size:>6} {cold.seconds:>8.2f} {warm.seconds:>8.2f} {max(cold.peak_mb, warm.peak_mb):>8.0f} "
              f"{caught:>4}/100 {false_alarms:>3}/100", flush=True)  # fmt: skip
    low, high = min(sizes), max(sizes)
    if low != high:
        print(f"  growth: {high:,} pages take {cold_times[high] / cold_times[low]:.1f}x the time of {low:,} "
              f"({high / low:.0f}x the pages)")  # fmt: skip
    site = WORK / "duplicates" / f"site-{high}"
    one = median_of(
        [*MEDLINT, "check", "drafts/copy-0.md", "--site", str(site), "--site-url", SITE_URL],
        WORK / "duplicates",
        max(runs, 3),
        {"MEDLINT_CACHE_DIR": str(WORK / "duplicates" / f"cache-{high}")},
    )
    print(f"  one draft, every rule, against {high:,} pages (warm: the pre-commit case): "
          f"{one.seconds:.2f} s, {one.peak_mb:.0f} MB")  # fmt: skip
    seconds, pairs, right, with_source = naive_scan(expected, site, naive_sample)
    scaled = seconds * 200 / naive_sample
    print(f"  naive cdist(fuzz.ratio) on {naive_sample} drafts x {high:,} pages: {seconds:.1f} s "
          f"({seconds / pairs * 1000:.2f} ms per pair), scaled to 200 drafts: {scaled:.0f} s; "
          f"right page for {right}/{with_source} copies")  # fmt: skip
    print(f"  medlint cold / naive at {high:,} pages: {cold_times[high] / scaled:.4f}x")


def linked_docs(site: Path) -> Path:
    """An MkDocs site of 96 Go blog posts, each given six links to a heading of another page
    (what ML205 resolves, reading the linked page's heading ids), seeded."""
    from medlint.generators.slugs import toc_id

    rng = random.Random(5)
    posts = [(stem, text) for stem, text in corpus() if stem.startswith("go-blog")][:96]
    headings = {stem: re.findall(r"^#{1,3} (.+)$", text, re.MULTILINE) for stem, text in posts}
    pages = []
    for stem, text in posts:
        links = []
        for other, _ in rng.sample(posts, 6):
            fragment = f"#{toc_id(headings[other][0])}" if headings[other] else ""
            links.append(f"See [the section of {other}]({other}.md{fragment}).")
        pages.append((f"{stem}.md", text + "\n\n" + "\n\n".join(links) + "\n"))
    write_folder(site / "docs", pages)
    (site / "mkdocs.yml").write_text(
        f"site_name: S\nsite_url: {SITE_URL}\nmarkdown_extensions: [toc, {MATERIAL_EXTENSIONS}]\n"
    )
    return site


def mkdocs_docs(site: Path) -> Path:
    """MkDocs' own documentation (in the corpus) as an MkDocs site: a real docs folder whose pages
    link to each other's headings."""
    source = CORPUS / "mkdocs-docs"
    write_folder(site / "docs", [(path.relative_to(source).as_posix(), path.read_text(encoding="utf-8"))
                                 for path in sorted(source.rglob("*.md"))])  # fmt: skip
    (site / "mkdocs.yml").write_text(
        f"site_name: MkDocs\nsite_url: {SITE_URL}\nmarkdown_extensions: [toc, admonition, attr_list, def_list, tables]\n"
    )
    return site


def targets_part(runs: int, naive_sample: int) -> None:
    """The speed targets of issue #27, each measured side by side with what it is compared to,
    in one run: a table of measure, value, target and whether it is met. The sites are the
    duplicates part's (re-worded real posts), with their page caches filled first."""
    pages = scaled_pages(50_000)
    expected = duplicate_drafts(pages)
    rows: list[tuple[str, str, str, bool | None]] = []
    for size in (10_000, 50_000):
        site = WORK / "duplicates" / f"site-{size}"
        write_folder(site, pages[:size])
        env = {"MEDLINT_CACHE_DIR": str(WORK / "duplicates" / f"cache-{size}")}
        one = [*MEDLINT, "check", "drafts/copy-0.md", "--site", str(site), "--site-url", SITE_URL]
        run(one, WORK / "duplicates", env)  # fill the cache
        time.sleep(2.1)  # pages written just now are re-read until two seconds older than the cache
        run(one, WORK / "duplicates", env)
        if size == 10_000:  # tens of milliseconds apart: measured in turn
            rounds = max(runs, 15)
            version, measure = interleaved([[*MEDLINT, "--version"], one], WORK / "duplicates", rounds, env)
            over = measure.seconds - version.seconds
            rows.append(("one draft, every rule, 10,000 cached pages, over `--version`'s start-up",
                         f"{over:.3f} s ({measure.seconds:.3f} s against {version.seconds:.3f} s, medians of {rounds} "
                         "in turn)", "<= 0.15 s", over <= 0.15))  # fmt: skip
        else:
            measure = median_of(one, WORK / "duplicates", max(runs, 3), env)
            rows.append(("one draft, every rule, 50,000 cached pages", f"{measure.seconds:.2f} s, {measure.peak_mb:.0f} MB",
                         "< 1 s, <= 300 MB", measure.seconds < 1 and measure.peak_mb <= 300))  # fmt: skip
    site50 = WORK / "duplicates" / "site-50000"
    env50 = {"MEDLINT_CACHE_DIR": str(WORK / "duplicates" / "cache-50000")}
    every = [*MEDLINT, "check", "drafts", "--site", str(site50), "--site-url", SITE_URL, "--select", "ML3",
             "--format", "json"]  # fmt: skip
    warm = median_of(every, WORK / "duplicates", max(runs // 2, 1), env50)
    done = subprocess.run(every, cwd=WORK / "duplicates", env={**os.environ, **env50}, capture_output=True, text=True)
    caught, false_alarms = medlint_recall(json.loads(done.stdout), expected)
    rows.append(("200 drafts, 50,000 pages, warm", f"{warm.seconds:.2f} s, {warm.peak_mb:.0f} MB, "
                 f"{caught}/100 copies, {false_alarms}/100 false alarms", "< 10 s", warm.seconds < 10))  # fmt: skip
    site10 = WORK / "duplicates" / "site-10000"
    cold_command = [*MEDLINT, "check", "drafts", "--site", str(site10), "--site-url", SITE_URL, "--select", "ML3",
                    "--format", "json", "--no-cache"]  # fmt: skip
    cold = median_of(cold_command, WORK / "duplicates", max(runs // 2, 1))
    seconds, pairs, _, _ = naive_scan(expected, site10, naive_sample)
    naive = seconds * 200 / naive_sample
    rows.append(("200 drafts, 10,000 pages, cold, against the naive all-pairs scan",
                 f"{cold.seconds / naive:.2%} ({cold.seconds:.2f} s against {naive:.0f} s, "
                 f"{seconds / pairs * 1000:.2f} ms a pair on {naive_sample} drafts)", "<= 0.3%",
                 cold.seconds / naive <= 0.003))  # fmt: skip
    folder = WORK / "lint"
    write_folder(folder / "pages", scaled_pages(1000))
    config = {"config": {"default": False, **dict.fromkeys(MARKDOWNLINT_RULES, True)}}
    (folder / ".markdownlint-cli2.jsonc").write_text(json.dumps(config))
    ours = median_of([*MEDLINT, "check", "pages", "--ignore", "ML3", "--no-cache", "--quiet"], folder, runs)
    theirs = median_of([*markdownlint_cli2(), "pages/**/*.md"], folder, runs)
    rows.append(("linting 1,000 pages (no duplicates) against markdownlint-cli2",
                 f"{ours.seconds / theirs.seconds:.2f}x ({ours.seconds:.2f} s against {theirs.seconds:.2f} s)",
                 "<= 0.25x", ours.seconds / theirs.seconds <= 0.25))  # fmt: skip
    material = Path(os.environ.get("MATERIAL_DOCS", WORK / "material-docs"))
    if (material / "mkdocs.yml").is_file():
        with_links = median_of([*MEDLINT, "check", "docs", "--no-cache", "--quiet"], material, runs)
        without = median_of([*MEDLINT, "check", "docs", "--no-cache", "--quiet", "--ignore", "ML205"], material, runs)
        rows.append(("Material's docs folder, every rule, against it without ML205",
                     f"{with_links.seconds / without.seconds:.2f}x ({with_links.seconds:.2f} s, {without.seconds:.2f} s)",
                     "<= 1.5x", with_links.seconds / without.seconds <= 1.5))  # fmt: skip
    else:
        rows.append(("Material's docs folder with every rule against it without ML205",
                     f"not measured: no Material checkout at {material} (set MATERIAL_DOCS)", "<= 1.5x", None))  # fmt: skip
        stand_ins = (
            ("a stand-in for it: 96 corpus pages as an MkDocs site, 6 links to other pages' headings each",
             linked_docs(WORK / "linked-docs")),
            ("MkDocs' own docs folder (the corpus' 19 pages, 73 links to another page's heading)",
             mkdocs_docs(WORK / "mkdocs-docs")),
        )  # fmt: skip
        for measure_name, stand_in in stand_ins:
            command = [*MEDLINT, "check", "docs", "--no-cache", "--quiet"]
            with_links = median_of(command, stand_in, runs)
            without = median_of([*command, "--ignore", "ML205"], stand_in, runs)
            rows.append((measure_name,
                         f"{with_links.seconds / without.seconds:.2f}x ({with_links.seconds:.2f} s, {without.seconds:.2f} s)",
                         "<= 1.5x", with_links.seconds / without.seconds <= 1.5))  # fmt: skip
    print(f"\ntargets (issue #27), medians of {runs} runs or as said")
    for measure_name, value, target, met in rows:
        verdict = "not measured" if met is None else ("met" if met else "NOT met")
        print(f"  {measure_name}\n      {value}   target {target}: {verdict}")


def anchors_part(runs: int, size: int = 10_000) -> None:
    """One draft with ten links into a cached site of ``size`` pages (re-worded real posts), every
    rule against every rule but the anchor profile's and ML109's (``--ignore ML105,ML109,ML110``),
    measured in turn: what judging anchor text against the site and the profile costs (issue #41:
    at most 10% more)."""
    pages = scaled_pages(size)
    site = WORK / "anchors" / "site"
    write_folder(site, pages)
    titled = [(name, re.search(r"^title:\s*(.+)$", text, re.M)) for name, text in pages[:20]]
    titles = [(name[: -len(".md")], match.group(1).strip("\"' ")) for name, match in titled if match][:10]
    lines = [f"- [{title}]({SITE_URL}{stem}/)" for stem, title in titles[:5]]
    lines += [
        f"- [{title}]({SITE_URL}{stem}/)"
        for (stem, _), (_, title) in zip(titles[5:], titles[6:] + titles[5:6], strict=True)
    ]
    draft = WORK / "anchors" / "drafts" / "links.md"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(
        "# Ten links home\n\n" + corpus()[0][1].split("---", 2)[-1][:3000] + "\n\n" + "\n".join(lines) + "\n"
    )
    env = {"MEDLINT_CACHE_DIR": str(WORK / "anchors" / "cache")}
    every = [*MEDLINT, "check", "drafts/links.md", "--site", str(site), "--site-url", SITE_URL, "--exit-zero"]
    without = [*every, "--ignore", "ML105,ML109,ML110"]
    run(every, WORK / "anchors", env)  # fill the cache
    time.sleep(2.1)
    rounds = max(runs, 15)
    with_them, without_them = interleaved([every, without], WORK / "anchors", rounds, env)
    print(f"\nanchors: one draft, ten links home, {size:,} cached pages, medians of {rounds} in turn")
    print(f"  every rule                          {with_them.seconds:.3f} s  {with_them.peak_mb:5.0f} MB")
    print(f"  without ML105, ML109, ML110         {without_them.seconds:.3f} s  {without_them.peak_mb:5.0f} MB")
    ratio = with_them.seconds / without_them.seconds
    print(f"  ratio {ratio:.3f} (target <= 1.10: {'met' if ratio <= 1.10 else 'NOT met'})")


def dated_posts(size: int) -> list[tuple[str, str, str]]:
    """``size`` re-worded real posts as (path in one of 50 folders, a date over ten years, body)."""
    return [
        (f"{number % 50}/{stem}", f"{2015 + number % 10}-{1 + number % 12:02d}-{1 + number % 28:02d}",
         split_front_matter(text)[1])
        for number, (stem, text) in enumerate(scaled_pages(size))
    ]  # fmt: skip


def one_draft_beside(folder: Path) -> tuple[list[str], dict[str, str]]:
    """A draft beside a site in ``folder`` (``drafts/one.md``), an empty cache for it, and the
    command that checks it."""
    (folder / "drafts").mkdir(exist_ok=True)
    (folder / "drafts" / "one.md").write_text(split_front_matter(corpus()[7][1])[1], encoding="utf-8")
    shutil.rmtree(folder / "cache", ignore_errors=True)
    return [*MEDLINT, "check", "drafts/one.md", "--quiet"], {"MEDLINT_CACHE_DIR": str(folder / "cache")}


def blog_part(runs: int, size: int = 10_000) -> None:
    """One draft against a Material for MkDocs blog of ``size`` posts (the blog plugin on): the
    first run reads every post's URL from its files and digests every page; later runs use the
    caches. Side by side, the first run with ``--trust-site``, which asks MkDocs and Material."""
    folder = WORK / "blog"
    posts = folder / "docs" / "blog" / "posts"
    write_folder(folder / "docs", [("index.md", "# Home\n")])
    (folder / "docs" / "blog").mkdir()
    (folder / "docs" / "blog" / "index.md").write_text("# Blog\n")
    categories = ("Go", "Databases", "Python", "Tools", "Releases")
    for number, (path, day, body) in enumerate(dated_posts(size)):
        target = posts / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ndate: {day}\ncategories: [{categories[number % 5]}]\n---\n\n{body}", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        f"site_name: Blog\nsite_url: {SITE_URL}\ntheme:\n  name: material\nplugins:\n  - blog\n"
    )
    command, env = one_draft_beside(folder)
    cold = run(command, folder, env)
    time.sleep(2.1)  # posts written just now are read again until two seconds older than the caches
    run(command, folder, env)
    warm = median_of(command, folder, runs, env)
    print(f"\nblog: one draft, every rule, against a Material blog of {size:,} posts (blog plugin on)")
    print(f"  cold (every URL read from the files, every page digested): {cold.seconds:.2f} s, {cold.peak_mb:.0f} MB")
    print(f"  warm (median of {runs}, the pre-commit case): {warm.seconds:.2f} s, {warm.peak_mb:.0f} MB")
    edited = edited_draft_post(folder, posts, runs, env)
    print(f"  a draft post inside the blog (draft: true) edited before each run (median of {runs}): "
          f"{edited.seconds:.2f} s, {edited.peak_mb:.0f} MB")  # fmt: skip
    has_material = subprocess.run([sys.executable, "-c", "import material"], capture_output=True)
    if has_material.returncode == 0:
        shutil.rmtree(folder / "cache", ignore_errors=True)
        trusted = run([*command, "--trust-site"], folder, env)
        print(
            f"  cold with --trust-site (MkDocs and Material asked): {trusted.seconds:.2f} s, {trusted.peak_mb:.0f} MB"
        )


def edited_draft_post(folder: Path, posts: Path, runs: int, env: dict[str, str]) -> Measure:
    """A ``draft: true`` post inside the blog, checked after each edit (the pre-commit case of a
    writer who keeps drafts in the blog): its edit changes what the page list was read from."""
    draft = posts / "wip" / "my-draft.md"
    draft.parent.mkdir(exist_ok=True)
    body = split_front_matter(corpus()[7][1])[1]
    draft.write_text(f"---\ndate: 2026-01-01\ndraft: true\n---\n\n{body}", encoding="utf-8")
    command = [*MEDLINT, "check", str(draft.relative_to(folder)), "--quiet"]
    run(command, folder, env)  # the page list with the draft in it, and every page's front matter
    time.sleep(2.1)
    measures = []
    for number in range(runs):
        with draft.open("a", encoding="utf-8") as out:
            out.write(f"\nOne more line, {number}.\n")
        measures.append(run(command, folder, env))
    shutil.rmtree(draft.parent)
    return Measure(statistics.median(m.seconds for m in measures), max(m.peak_mb for m in measures), 0)


def hugo_part(runs: int, size: int = 10_000) -> None:
    """One draft against a Hugo site of ``size`` posts (the blog's, dated, under ``content/posts``):
    Hugo's URLs come from every post's front matter, which the first run reads and later runs
    keep, with the page list."""
    folder = WORK / "hugo"
    pages = [
        (f"posts/{path}", f"---\ntitle: Post {number}\ndate: {day}\n---\n\n{body}")
        for number, (path, day, body) in enumerate(dated_posts(size))
    ]
    write_folder(folder / "content", pages)
    (folder / "hugo.toml").write_text(f'baseURL = "{SITE_URL}"\n[permalinks]\n  posts = "/:year/:month/:title/"\n')
    command, env = one_draft_beside(folder)
    cold = run(command, folder, env)
    time.sleep(2.1)  # as in the blog part
    run(command, folder, env)
    warm = median_of(command, folder, runs, env)
    print(f"\nhugo: one draft, every rule, against a Hugo site of {size:,} posts")
    print(f"  cold (every post's front matter read, every page digested): {cold.seconds:.2f} s, {cold.peak_mb:.0f} MB")
    print(f"  warm (median of {runs}, the pre-commit case): {warm.seconds:.2f} s, {warm.peak_mb:.0f} MB")


def generator_site(name: str, folder: Path, size: int) -> None:
    """``size`` dated posts (re-worded real posts, in 50 folders) laid out as the generator called
    ``name`` publishes them, with the settings file that shows it and the site's address."""
    posts = dated_posts(size)
    url = SITE_URL.rstrip("/")

    def laid_out(where: Callable[[str, str], str], front: str) -> list[tuple[str, str]]:
        """Each post at ``where(path, day)``, after ``front`` filled with its number and day."""
        return [(where(path, day), front.format(n=n, day=day) + body) for n, (path, day, body) in enumerate(posts)]

    def under(folder: str) -> Callable[[str, str], str]:
        return lambda path, day: folder + path

    def dated_under(folder: str) -> Callable[[str, str], str]:
        def where(path: str, day: str) -> str:  # Jekyll's and Docusaurus' posts: the day starts the name
            part, file = path.split("/")
            return f"{folder}{part}/{day}-{file}"

        return where

    titled = "---\ntitle: Post {n}\n---\n\n"
    titled_dated = "---\ntitle: Post {n}\ndate: {day}\n---\n\n"
    if name in ("mkdocs", "properdocs", "material-blog", "zensical"):
        blog = name == "material-blog"
        files = laid_out(under("docs/blog/posts/" if blog else "docs/"), "---\ndate: {day}\n---\n\n" if blog else "")
        files += [("docs/index.md", "# Home\n")] + ([("docs/blog/index.md", "# Blog\n")] * blog)
        settings = {
            "mkdocs": ("mkdocs.yml", f"site_name: Site\nsite_url: {SITE_URL}\n"),
            "properdocs": ("properdocs.yml", f"site_name: Site\nsite_url: {SITE_URL}\n"),
            "material-blog": ("mkdocs.yml", f"site_name: Blog\nsite_url: {SITE_URL}\ntheme:\n  name: material\nplugins:\n  - blog\n"),
            "zensical": ("zensical.toml", f'[project]\nsite_name = "Site"\nsite_url = "{SITE_URL}"\n'),
        }[name]  # fmt: skip
    elif name == "hugo":
        files = laid_out(under("content/posts/"), titled_dated)
        settings = ("hugo.toml", f'baseURL = "{SITE_URL}"\n[permalinks]\n  posts = "/:year/:month/:title/"\n')
    elif name == "jekyll":
        files = laid_out(dated_under("_posts/"), titled)
        settings = ("_config.yml", f"url: {url}\npermalink: /:year/:month/:title/\n")
    elif name == "zola":
        files = laid_out(under("content/posts/"), '+++\ntitle = "Post {n}"\ndate = {day}\n+++\n\n')
        files += [(f"content/posts/{n}/_index.md", f'+++\ntitle = "Part {n}"\n+++\n') for n in range(50)]
        files += [("content/posts/_index.md", '+++\ntitle = "Posts"\n+++\n'), ("content/_index.md", "+++\n+++\n")]
        settings = ("config.toml", f'base_url = "{url}"\n')
    elif name == "hexo":
        files = laid_out(under("source/_posts/"), titled_dated)
        package = '{"name": "site", "private": true, "hexo": {"version": "7.3.0"}, "dependencies": {"hexo": "^7.3.0"}}'
        files += [("package.json", package)]
        settings = ("_config.yml", f"url: {url}\npermalink: :year/:month/:title/\n")
    elif name == "astro":
        files = laid_out(under("src/content/blog/"), "---\ntitle: Post {n}\npubDate: {day}\n---\n\n")
        files += [
            ("package.json", '{"name": "a", "private": true, "type": "module", "dependencies": {"astro": "^5"}}'),
            ("src/content.config.ts", 'import { defineCollection } from "astro:content";\nimport { glob } from "astro/loaders";\n'
             'const blog = defineCollection({ loader: glob({ pattern: "**/*.md", base: "./src/content/blog" }) });\n'
             "export const collections = { blog };\n"),
            ("src/pages/blog/[...slug].astro", '---\nimport { getCollection, render } from "astro:content";\n'
             'export async function getStaticPaths() {\n  const posts = await getCollection("blog");\n'
             "  return posts.map((post) => ({ params: { slug: post.id }, props: post }));\n}\n"
             "const { Content } = await render(Astro.props);\n---\n<Content />\n"),
            ("src/pages/index.astro", "---\n---\n<h1>Home</h1>\n"),
        ]  # fmt: skip
        settings = ("astro.config.mjs", f'export default {{ site: "{url}" }};\n')
    elif name == "eleventy":
        files = laid_out(under("posts/"), titled_dated)
        files += [("package.json", '{"name": "e", "private": true, "type": "module", "dependencies": {"@11ty/eleventy": "^3"}}'),
                  ("_data/metadata.json", f'{{"title": "E", "url": "{SITE_URL}"}}'), ("index.md", "# Home\n")]  # fmt: skip
        settings = ("eleventy.config.js", "export default function (eleventyConfig) {}\n")
    elif name == "docusaurus":
        files = laid_out(dated_under("blog/"), titled)
        files += [("package.json", '{"name": "d", "private": true, "dependencies": {"@docusaurus/core": "^3"}}'),
                  ("docs/intro.md", "# Intro\n")]  # fmt: skip
        settings = (
            "docusaurus.config.js",
            f"export default {{\n  title: 'D',\n  url: '{url}',\n  baseUrl: '/',\n  presets: [['classic', {{ blog: {{}} }}]],\n}};\n",
        )
    else:  # a plain folder of Markdown, named in .medlint.yml
        files = laid_out(under("site/"), "")
        settings = (".medlint.yml", f"site: site\nsite_url: {SITE_URL}\n")
    write_folder(folder, [*files, settings, ("drafts/one.md", split_front_matter(corpus()[7][1])[1])])


GENERATORS = ("folder", "mkdocs", "material-blog", "properdocs", "zensical", "hugo", "jekyll", "zola", "hexo",
              "astro", "eleventy", "docusaurus")  # fmt: skip


def generators_part(runs: int, size: int = 10_000, names: tuple[str, ...] = GENERATORS) -> None:
    """The pre-commit case for every generator (issue #40): one draft, every rule, against a site of
    ``size`` posts whose caches were filled by a run before, beside ``medlint --version``, the two
    run in turn; the target is the check within 0.15 s of start-up."""
    folders = {name: WORK / "generators" / name for name in names}
    env = {"MEDLINT_CACHE_DIR": str(WORK / "generators" / "cache")}
    check = [*MEDLINT, "check", "drafts/one.md", "--quiet"]
    for name, folder in folders.items():
        generator_site(name, folder, size)
        run(check, folder, env)  # the page list, the front matter and the index, cached
    time.sleep(2.1)  # pages written just now are read again until two seconds older than the caches
    rounds = max(runs, 15)
    print(f"\ngenerators: one draft, every rule, {size:,} cached pages, beside `medlint --version` "
          f"(medians of {rounds} in turn)")  # fmt: skip
    print("  floor: `--version`'s start-up, the packages every check imports to read a draft, its settings")
    print("  and compare it (markdown-it-py and its plugins, PyYAML, RapidFuzz), and one os.stat of each page")
    print(f"  {'generator':<14} {'--version':>10} {'floor':>8} {'check':>8} {'over':>8} {'floor over':>11}"
          "   target within 0.150 s")  # fmt: skip
    for name, folder in folders.items():
        run(check, folder, env)
        floor = floor_command(folder)
        version, least, checked = interleaved([[*MEDLINT, "--version"], floor, check], folder, rounds, env)
        over, least_over = checked.seconds - version.seconds, least.seconds - version.seconds
        verdict = "met" if over <= 0.15 else "NOT met"
        print(f"  {name:<14} {version.seconds:>8.3f} s {least.seconds:>6.3f} s {checked.seconds:>6.3f} s"
              f" {over:>6.3f} s {least_over:>9.3f} s   {verdict}  ({checked.peak_mb:.0f} MB)", flush=True)  # fmt: skip


FLOOR_IMPORTS = "medlint.cli, markdown_it, mdit_py_plugins.footnote, mdit_py_plugins.admon, yaml, rapidfuzz.fuzz"


def floor_command(folder: Path) -> list[str]:
    """What no stateless check of one draft against the site in ``folder`` can go below, as a
    command: ``--version``'s imports, the third-party packages a check imports, and one ``os.stat``
    of each Markdown page of the site (what tells a page edited in place since the cache was
    written). The page list is written beside the folder first; the command reads it."""
    pages = sorted(
        os.path.join(root, file)
        for root, folders, files in os.walk(folder)
        if not os.path.relpath(root, folder).startswith(("drafts", "node_modules", "."))
        for file in files
        if file.endswith((".md", ".markdown", ".mdx"))
    )
    listed = folder.parent / f"floor-{folder.name}.txt"
    listed.write_text("\n".join(pages))
    code = f"import os, {FLOOR_IMPORTS}\nfor page in open({str(listed)!r}).read().split('\\n'): os.stat(page)"
    return [sys.executable, "-c", code]


def server_part(runs: int, size: int = 10_000) -> None:
    """``medlint server`` against a site of ``size`` pages: the time from a change of the open
    draft to its diagnostics (the editor's case), side by side with a fresh ``medlint check`` of
    the same draft on a warm cache (the pre-commit case), and the server's memory."""
    sys.path.insert(0, str(HERE))
    from lsp_client import Client

    folder = WORK / "server"
    write_folder(folder / "site", scaled_pages(size))
    (folder / ".medlint.yml").write_text(f"site: site\nsite_url: {SITE_URL}\ndrafts: drafts\n")
    text = split_front_matter(corpus()[7][1])[1]
    write_folder(folder / "drafts", [("one.md", text)])
    env = {"MEDLINT_CACHE_DIR": str(folder / "cache")}
    run([*MEDLINT, "check", "drafts/one.md"], folder, env)  # fill the cache
    fresh = median_of([*MEDLINT, "check", "drafts/one.md"], folder, runs, env)
    client = Client(folder, {**os.environ, **env})
    uri = (folder / "drafts" / "one.md").resolve().as_uri()
    client.request("initialize", {"processId": os.getpid(), "rootUri": folder.resolve().as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    start = time.perf_counter()
    client.notify(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}
    )
    client.diagnostics(uri)
    opened = time.perf_counter() - start
    latencies = []
    for version in range(2, runs + 2):
        text += f"\nOne more sentence, number {version}.\n"
        start = time.perf_counter()
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )
        client.wait(
            lambda m, v=version: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == v
            )
        )
        latencies.append(time.perf_counter() - start)
    status = Path(f"/proc/{client.process.pid}/status")
    memory = dict(line.split(":", 1) for line in status.read_text().splitlines()) if status.exists() else {}
    client.request("shutdown", None)
    client.notify("exit", {})
    client.process.wait(timeout=30)
    change = statistics.median(latencies)
    print(f"\nserver: one open draft against {size:,} pages, median of {runs} changes")
    print(f"  first diagnostics after opening (the index built in the background): {opened:.2f} s")
    print(f"  change -> diagnostics: {change:.3f} s")
    print(f"  fresh medlint check of the same draft (warm cache): {fresh.seconds:.3f} s, {fresh.peak_mb:.0f} MB")
    print(f"  change -> diagnostics / fresh check: {change / fresh.seconds:.3f}x")
    if memory:
        print(f"  server memory: {memory['VmRSS'].strip()} now, {memory['VmHWM'].strip()} at most")


def _dated(text: str) -> str:
    """A page with front matter of its title and a date only (a corpus page's own keys may mean
    something else to MkDocs: ``template: true`` breaks its build)."""
    front, body = split_front_matter(text)
    title = re.search(r"^title:\s*(.+)$", front, re.M)
    heading = f"title: {title.group(1)}\n" if title else ""
    return f"---\n{heading}date: 2024-01-01\n---\n{body}"


def import_part(runs: int, size: int = 1_000) -> None:
    """``import-check`` of a built site of ``size`` pages against ``check`` of its sources, and
    the plugin's Import checks' share of ``mkdocs build`` (issue #42: under 2 s, under 5%)."""
    site = WORK / "import" / "site"
    pages = [(name, _dated(text)) for name, text in scaled_pages(size)]
    write_folder(site / "docs", pages)
    settings = "site_name: S\nsite_url: {url}\ntheme: material\nplugins:\n  - medlint:\n      check: none\n      import_check: {which}\n"
    isolated(site)
    env = {"NO_MKDOCS_2_WARNING": "1"}
    builds = []
    for which in ("all", "none"):
        (site / f"mkdocs-{which}.yml").write_text(settings.format(url=SITE_URL, which=which))
        builds.append([sys.executable, "-m", "mkdocs", "build", "-q", "-f", f"mkdocs-{which}.yml", "-d", "site"])
    (site / "mkdocs.yml").write_text(settings.format(url=SITE_URL, which="none"))
    run(builds[1], site, env)
    rounds = max(runs, 5)
    importing, checking = interleaved(
        [
            [*MEDLINT, "import-check", "site", "--exit-zero", "-q"],
            [*MEDLINT, "check", "docs", "--ignore", "ML3", "--no-cache", "--exit-zero", "-q"],
        ],
        site,
        rounds,
        env,
    )
    print(f"\nimport: a {size:,}-page Material build, medians of {rounds} in turn")
    print(
        f"  medlint import-check site/        {importing.seconds:.2f} s  {importing.peak_mb:5.0f} MB  (target under 2 s: {'met' if importing.seconds < 2 else 'NOT met'})"
    )
    print(f"  medlint check docs/ --ignore ML3   {checking.seconds:.2f} s  {checking.peak_mb:5.0f} MB")
    with_checks, without = interleaved(builds, site, max(runs // 2, 3), env)
    share = with_checks.seconds / without.seconds - 1
    print(
        f"  mkdocs build, Import checks on every page {with_checks.seconds:.2f} s, off {without.seconds:.2f} s: +{share:.1%} (target under 5%: {'met' if share < 0.05 else 'NOT met'})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("parts", nargs="*", metavar="PART", help=f"{', '.join(PARTS)} (default: all)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median); default 5")
    parser.add_argument("--sizes", default="1000,3000,10000", help="site sizes for the duplicate check")
    parser.add_argument("--generators", default=",".join(GENERATORS), help="the generators part's sites")
    parser.add_argument("--naive-sample", type=int, default=4, help="drafts the naive scan is timed on")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent (the benchmarks read ../shared/corpus)")
        return 0
    WORK.mkdir(exist_ok=True)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    parts = args.parts or list(PARTS)
    if set(parts) - set(PARTS):
        parser.error(f"unknown part: {', '.join(sorted(set(parts) - set(PARTS)))} (choose from {', '.join(PARTS)})")
    if "lint" in parts:
        lint_part(args.runs)
    if "startup" in parts:
        startup_part(max(args.runs, 10))
    if "duplicates" in parts:
        duplicates_part(max(args.runs // 2, 1), [int(size) for size in args.sizes.split(",")], args.naive_sample)
    if "blog" in parts:
        blog_part(args.runs)
    if "hugo" in parts:
        hugo_part(args.runs)
    if "generators" in parts:
        generators_part(args.runs, names=tuple(args.generators.split(",")))
    if "server" in parts:
        server_part(args.runs)
    if "targets" in parts:
        targets_part(args.runs, args.naive_sample)
    if "anchors" in parts:
        anchors_part(args.runs)
    if "import" in parts:
        import_part(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
