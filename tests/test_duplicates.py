"""Duplicate rules (ML301-ML305) and the site index cache, through the real CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import medlint, shared_or_skip

SENTENCES = [
    "The build reads every Markdown page under the docs folder and renders it with the configured theme.",
    "Links between pages are written as relative paths to the source files, and the build rewrites them.",
    "Images sit beside the pages that use them, so a relative path works on the site and nowhere else.",
    "Search indexes the rendered text of each page, which is why headings should say what a section holds.",
    "A strict build turns every warning into an error, which keeps broken links out of the published site.",
    "Drafts live in their own folder beside the docs, so they are never published by accident.",
    "Each page gets its own address, derived from its path, and the index page of a folder gets the folder's.",
    "Themes can be customised with overrides, but most sites only need a logo, colours and a navigation order.",
]
PAGE = (
    "---\ntitle: How the site is built\n---\n\n# How the site is built\n\n"
    + "\n\n".join(" ".join(SENTENCES[i : i + 3]) for i in range(0, 8, 2))
    + "\n"
)
OTHER = "# Release checklist\n\nBefore a release, bump the version, update the changelog, tag the commit and push the tag.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://site.example/\n")
    (tmp_path / "docs" / "building.md").write_text(PAGE)
    (tmp_path / "docs" / "release.md").write_text(OTHER)
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nWelcome.\n")
    (tmp_path / "drafts").mkdir()
    return tmp_path


def draft(site: Path, name: str, text: str) -> None:
    (site / "drafts" / name).write_text(text)


def check(site: Path, *args: str):  # type: ignore[no-untyped-def]
    return medlint("check", "--format", "json", "--select", "ML3", *args, cwd=site)


def body_of(page: str) -> str:
    return page.split("---\n", 2)[2]


def test_copy_is_ml301_with_page_url_score_and_canonical_hint(site: Path) -> None:
    draft(site, "copy.md", "---\ntitle: Something new\n---\n" + body_of(PAGE))
    run = check(site)
    (finding,) = run.findings
    assert finding["code"] == "ML301" and finding["severity"] == "error" and run.code == 1
    assert "docs/building.md (https://site.example/building/)" in finding["message"]
    assert "add canonical_url: https://site.example/building/" in finding["message"]
    page = finding["related"][0]
    assert (
        page["path"] == "docs/building.md" and page["url"] == "https://site.example/building/" and page["score"] > 0.95
    )
    assert all({"path", "line", "end_line", "score", "draft_line"} <= set(item) for item in finding["related"][1:])


def test_matched_passages_are_data_in_json_and_sarif(site: Path) -> None:
    draft(site, "copy.md", "---\ntitle: Something new\n---\n" + body_of(PAGE))
    (finding,) = check(site).findings
    passages = finding["related"][0]["passages"]
    assert len(passages) == 4 and all(pair["score"] >= 0.7 for pair in passages)
    first = passages[0]
    assert first["draft"]["text"] == first["page"]["text"] and first["page"]["line"] > first["draft"]["line"] - 10
    page_lines = PAGE.split("\n")
    assert all(
        SENTENCES[0][:40] in page_lines[p["page"]["line"] - 1] for p in passages if SENTENCES[0] in p["page"]["text"]
    )
    sarif = medlint("check", "--format", "sarif", "--select", "ML301", cwd=site).out
    import json

    [result] = json.loads(sarif)["runs"][0]["results"]
    messages = [location["message"]["text"] for location in result["relatedLocations"]]
    assert messages[0].startswith("https://site.example/building/ (") and messages[0].endswith("% similar)")
    assert sum(text.startswith("Repeats draft lines ") for text in messages) == 4


@pytest.mark.parametrize(
    "settings",
    ["duplicates: {min_score: 0.99, min_words: 150}", "rules:\n  duplicate-content: {min_score: 0.99}"],
    ids=["duplicates-key", "old-rule-option"],
)
def test_duplicate_thresholds_live_under_duplicates(settings: str, site: Path) -> None:
    draft(site, "copy.md", "---\ntitle: Something new\n---\n" + body_of(PAGE).replace("reads", "walks"))
    assert [f["code"] for f in check(site).findings] == ["ML301"]
    (site / ".medlint.yml").write_text(settings + "\n")
    # not a whole duplicate at 0.99 any more: its copied passages are reported instead
    assert [f["code"] for f in check(site).findings] == ["ML302"]


def test_bad_duplicate_threshold_is_a_configuration_error(site: Path) -> None:
    (site / ".medlint.yml").write_text("duplicates: {passage_threshold: high}\n")
    run = check(site)
    assert run.code == 2 and "duplicates.passage_threshold" in run.err


def test_text_output_shows_passages_side_by_side(site: Path) -> None:
    draft(site, "copy.md", "---\ntitle: Something new\n---\n" + body_of(PAGE))
    out = medlint("check", "--select", "ML301", cwd=site).out
    assert "draft:" in out and "| docs/building.md:" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("The build reads every"))
    assert row.count("The build reads every") == 2


@pytest.mark.parametrize(
    "canonical",
    [
        "https://site.example/building/",
        "http://SITE.example/building",
        "https://www.site.example/building/index.html",
        "https://site.example/building.md",
    ],
)
def test_declared_canonical_makes_it_a_syndication(canonical: str, site: Path) -> None:
    draft(site, "xpost.md", f"---\ntitle: How the site is built\ncanonical_url: {canonical}\n---\n" + body_of(PAGE))
    assert check(site).findings == []


def test_wrong_or_missing_canonical_page_is_ml304(site: Path) -> None:
    draft(site, "wrong.md", "---\ntitle: A\ncanonical_url: https://site.example/release/\n---\n" + body_of(PAGE))
    draft(
        site,
        "ghost.md",
        "---\ntitle: B\ncanonical_url: https://site.example/no-such-page/\n---\n" + OTHER.replace("#", "##"),
    )
    draft(site, "elsewhere.md", "---\ntitle: C\ncanonical_url: https://dev.example/post/\n---\n\nNew words entirely.\n")
    found = {(f["path"], f["code"]) for f in check(site, "--select", "ML304").findings}
    assert found == {("drafts/wrong.md", "ML304"), ("drafts/ghost.md", "ML304")}
    message = next(f["message"] for f in check(site, "--select", "ML304").findings if f["path"] == "drafts/wrong.md")
    assert "not the page this draft repeats: https://site.example/building/" in message


def test_short_drafts_need_enough_matched_words(site: Path) -> None:
    draft(site, "short.md", "---\ntitle: Short\n---\n\n" + SENTENCES[0] + " " + SENTENCES[1] + "\n")
    assert [f["code"] for f in check(site).findings] == ["ML302"]
    (site / ".medlint.yml").write_text(
        "rules:\n  duplicate-content: {min_words: 20}\n  copied-passage: {min_words: 100}\n"
    )
    assert [f["code"] for f in check(site).findings] == ["ML301"]


def test_a_short_page_copied_whole_is_ml301(site: Path) -> None:
    """Fewer matched words than ``min_words``, but most of both documents: a duplicate."""
    short = "---\ntitle: Theme notes\n---\n\n# Theme notes\n\n" + "\n\n".join(SENTENCES[5:9]) + "\n"
    assert len(body_of(short).split()) < 150
    (site / "docs" / "theme.md").write_text(short)
    draft(site, "copy.md", "---\ntitle: My theme notes\n---\n" + body_of(short))
    findings = check(site).findings
    assert [f["code"] for f in findings] == ["ML301"], findings
    assert "docs/theme.md" in findings[0]["message"]


def test_copied_section_in_a_new_article_is_ml302(site: Path) -> None:
    fresh = "\n\n".join(
        f"Paragraph {n} of an entirely new article about gardening, soil, seeds and patience." for n in range(5)
    )
    copied = " ".join(SENTENCES[2:5])
    draft(site, "mixed.md", f"---\ntitle: Gardening\n---\n\n{fresh}\n\n{copied}\n\n{fresh}\n")
    (finding,) = check(site).findings
    assert finding["code"] == "ML302" and finding["line"] == 15
    assert finding["related"][0]["path"] == "docs/building.md" and finding["related"][0]["line"] == 9


def test_a_cross_post_of_a_post_that_shares_a_blurb_is_not_told_to_rewrite_the_blurb(site: Path) -> None:
    """The post repeats a series' blurb that another page has too (Material for MkDocs' blog
    does): its cross-post, or a plain copy of it, repeats that page's blurb only because the post
    does. The cross-post is a syndication and the copy ML301, with no ML302 for the blurb; a
    new article that copies the blurb still gets its ML302."""
    blurb = " ".join(SENTENCES[2:5])
    words = "Every line of this post is new: it says how a garden is planned, planted and kept through a dry year."
    post = "---\ntitle: A garden\n---\n\n# A garden\n\n" + "\n\n".join([blurb, *[words] * 6]) + "\n"
    (site / "docs" / "garden.md").write_text(post)
    draft(site, "xpost.md", "---\ntitle: A garden\ncanonical_url: https://site.example/garden/\n---\n" + body_of(post))
    draft(site, "copy.md", "---\ntitle: Mine\n---\n" + body_of(post))
    found = sorted((f["path"], f["code"]) for f in check(site).findings if f["code"] in ("ML301", "ML302"))
    assert found == [("drafts/copy.md", "ML301")]
    fresh = "\n\n".join(f"Paragraph {n} of a new article about bread, flour, water and patience." for n in range(5))
    draft(site, "new.md", f"---\ntitle: Bread\n---\n\n{fresh}\n\n{blurb}\n")
    assert [f["code"] for f in check(site).findings if f["path"] == "drafts/new.md"] == ["ML302"]


def test_two_drafts_alike_are_ml303_on_both(site: Path) -> None:
    text = "\n\n".join(
        f"Draft paragraph {n}: the garden needs water every morning, compost each spring and a fence against deer." * 2
        for n in range(8)
    )
    draft(site, "one.md", "---\ntitle: Garden one\n---\n\n" + text + "\n")
    draft(site, "two.md", "---\ntitle: Garden two\n---\n\n" + text.replace("morning", "evening") + "\n")
    found = check(site).findings
    assert sorted((f["path"], f["code"]) for f in found) == [("drafts/one.md", "ML303"), ("drafts/two.md", "ML303")]
    assert "drafts/two.md" in found[0]["message"]


def test_title_and_slug_collisions_are_ml305(site: Path) -> None:
    draft(site, "a.md", "---\ntitle: How the Site is Built!\n---\n\nDifferent words.\n")
    draft(site, "release.md", "---\ntitle: Shipping\n---\n\nDifferent words again.\n")
    found = {(f["path"], f["line"], f["related"][0]["path"]) for f in check(site, "--select", "ML305").findings}
    assert found == {("drafts/a.md", 2, "docs/building.md"), ("drafts/release.md", 2, "docs/release.md")}


def test_title_lookups_find_every_page_of_a_slug_and_skip_untitled_pages() -> None:
    from medlint.similarity.titles import TitleIndex, normalize_title, slug_of

    paths = ["a/setup.md", "b/index.md", "b/setup/index.md", "c/setup.md", "d/notes.md"]
    titles = ["Setup", "", "Setting up", "Setup!", "Notes"]
    index = TitleIndex(paths, titles, [normalize_title(t) for t in titles], [slug_of(p) for p in paths])
    assert index.named("setup") == ["a/setup.md", "b/setup/index.md", "c/setup.md"]
    assert index.named("b") == ["b/index.md"] and index.named("nothing") == []
    assert [(path, title) for path, _, title in index.similar("SETUP", 0.9, limit=3)] == [
        ("a/setup.md", "Setup"),
        ("c/setup.md", "Setup!"),
    ]
    assert index.similar("?!", 0.9, limit=5) == []  # no words: the untitled page is no collision


def test_drafts_inside_the_site_are_not_compared_with_themselves(site: Path) -> None:
    assert check(site, "docs/building.md").findings == []


def test_cache_is_written_outside_the_tree_reused_and_rebuilt_when_corrupt(site: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path_factory.mktemp("cache")
    env = {"MEDLINT_CACHE_DIR": str(cache)}
    draft(site, "copy.md", "---\ntitle: Something new\n---\n" + body_of(PAGE))
    args = ("check", "--format", "json", "--select", "ML3")
    first = medlint(*args, cwd=site, env=env).findings
    (index,) = cache.glob("site-*.idx")
    assert medlint(*args, cwd=site, env=env).findings == first
    index.write_bytes(b"\x00garbage" * 10)
    assert medlint(*args, cwd=site, env=env).findings == first
    (site / "docs" / "building.md").write_text("# Rewritten\n\nNothing of the old page is left here at all.\n")
    assert medlint(*args, cwd=site, env=env).findings == []
    index.unlink()
    assert medlint(*args, "--no-cache", cwd=site, env=env).findings == [] and not list(cache.glob("site-*.idx"))


def test_evaluation_on_the_go_blog_meets_the_aims() -> None:
    shared_or_skip("corpus", "go-blog")
    import tempfile

    import eval_duplicates

    with tempfile.TemporaryDirectory() as temporary:
        workdir = Path(temporary)
        expected = eval_duplicates.build(workdir, per_kind=14)  # the benchmark plants 40 of each
        run = medlint(*eval_duplicates.CHECK_ARGS, cwd=workdir)  # in-process: the same CLI, no start-up
        tally = eval_duplicates.score(expected, eval_duplicates.judged(run.findings, workdir))
    recall = {kind: ok / total for kind, (ok, total) in tally.items()}
    assert recall["verbatim copy"] == 1 and recall["10% edited"] == 1
    assert recall["15% edited"] >= 0.93 and recall["25% edited"] >= 0.80 and recall["copied section"] >= 0.90
    assert recall["cross-post, right canonical"] == 1 and recall["cross-post, wrong canonical"] >= 0.9
    ok, total = tally["unrelated"]
    assert total == 80 and total - ok <= 1


def test_candidates_are_the_same_for_one_draft_many_drafts_and_kept_postings() -> None:
    """Candidates come from scanning the pages for the drafts' fingerprints together, or from the
    postings an index kept between checks holds: every way ranks the same pages for a draft."""
    from medlint.similarity import Profile
    from medlint.similarity.index import SiteIndex

    posts = sorted(str(path) for path in shared_or_skip("corpus", "go-blog").glob("*.md"))
    index = SiteIndex.build(posts[40:], use_cache=False)
    queries = [Profile.of_file(path).all_shingles() for path in posts[:20]]
    together = index.candidates_for(queries)
    alone = [index.candidates_for([query])[0] for query in queries]
    assert together == alone
    index.keep_postings()  # as the language server keeps it
    assert index.candidates_for(queries) == together
    assert sum(1 for ranked in together if ranked) >= 5  # templated posts do share passages


def test_configuration_keys_for_the_site_size_limit_and_cache(tmp_path: Path) -> None:
    """``site``, ``site_url``, ``max_file_size`` and ``cache: false`` from ``.medlint.yml``."""
    (tmp_path / ".medlint.yml").write_text(
        "site: pages\nsite_url: https://blog.example/\ndrafts: posts\nmax_file_size: 4000\ncache: false\n"
    )
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "building.md").write_text(PAGE)
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "copy.md").write_text(PAGE.replace("How the site is built", "Building the site"))
    (tmp_path / "posts" / "huge.md").write_text(PAGE * 5)
    cache = tmp_path / "cache"
    run = medlint(
        "check", "--format", "json", "--select", "ML301,ML901", cwd=tmp_path, env={"MEDLINT_CACHE_DIR": str(cache)}
    )
    found = {(f["path"], f["code"]): f["message"] for f in run.findings}
    assert set(found) == {("posts/copy.md", "ML301"), ("posts/huge.md", "ML901")}
    assert "pages/building.md (https://blog.example/building/)" in found[("posts/copy.md", "ML301")]
    assert "over the 4,000-byte limit" in found[("posts/huge.md", "ML901")]
    assert not cache.exists()  # cache: false writes no index
    (tmp_path / ".medlint.yml").write_text("site: pages\ndrafts: posts\nmax_file_size: 4000\n")
    medlint("check", "--format", "json", cwd=tmp_path, env={"MEDLINT_CACHE_DIR": str(cache)})
    assert cache.exists() and any(cache.iterdir())  # the default keeps one


def _three_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """A folder of three pages titled Page 0-2, its files, and a cache of the test's own."""
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    pages = tmp_path / "docs"
    pages.mkdir()
    for number in range(3):
        (pages / f"p{number}.md").write_text(PAGE.replace("How the site is built", f"Page {number}"))
    return pages, sorted(str(path) for path in pages.glob("*.md"))


def test_cached_digests_are_used_only_for_the_content_they_were_made_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page is read and hashed on every run; only a page whose content changed is digested
    again (a touched file is not), and an entry whose hash is not the page's is never used."""
    from medlint.similarity import index as index_module

    pages, files = _three_pages(tmp_path, monkeypatch)
    digested: list[str] = []
    real_entry_from = index_module.entry_from
    monkeypatch.setattr(
        index_module,
        "entry_from",
        lambda path, data, *args: digested.append(path) or real_entry_from(path, data, *args),
    )

    def build() -> list[str]:
        digested.clear()
        built = index_module.SiteIndex.build(files, str(pages))
        assert built.columns.titles == [f"Page {number}" for number in range(3)]
        return sorted(Path(path).name for path in digested)

    assert build() == ["p0.md", "p1.md", "p2.md"]  # cold: every page
    assert build() == []  # warm: every page hashed, none digested
    stamp = (pages / "p1.md").stat()
    os.utime(pages / "p1.md", ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))  # a checkout touched it
    assert build() == []
    (pages / "p2.md").write_text(PAGE.replace("How the site is built", "Page 2") + "\nOne more line.\n")
    assert build() == ["p2.md"]
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "cache" / "key").stat().st_mode & 0o777 == 0o600


def test_an_index_without_terms_is_cached_apart_and_a_cache_with_them_serves_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run whose rules read no terms stems nothing; once a run has cached the terms, every run
    reads that one cache, and pages read again keep their terms."""
    from medlint.similarity import index as index_module

    pages, files = _three_pages(tmp_path, monkeypatch)
    stemmed: list[bool] = []
    real_entry_from = index_module.entry_from
    monkeypatch.setattr(
        index_module,
        "entry_from",
        lambda path, data, language=None, with_terms=True: (
            stemmed.append(with_terms) or real_entry_from(path, data, language, with_terms)
        ),
    )

    def build(with_terms: bool) -> tuple[list[bool], int]:
        stemmed.clear()
        built = index_module.SiteIndex.build(files, str(pages), with_terms=with_terms)
        return list(stemmed), len(built.columns.terms)

    assert build(False) == ([False] * 3, 0)  # no terms: nothing stemmed, none kept
    assert build(False) == ([], 0)  # its own cache, warm
    digested, terms = build(True)
    assert digested == [True] * 3 and terms > 0  # the terms' cache is apart: built once with them
    assert build(False) == ([], terms)  # and then it serves a run that reads no terms too
    (pages / "p2.md").write_text(PAGE.replace("How the site is built", "Page 2") + "\nOne more line.\n")
    assert build(False)[0] == [True]  # a page read again keeps its terms in that cache


def test_indented_code_is_not_prose_but_indented_list_paragraphs_are() -> None:
    """Every line of an indented code block is left out of the comparison (not only its first),
    while a list item's indented continuation paragraph is prose, as in Python-Markdown."""
    from medlint.similarity.text import passages

    text = (
        "Intro paragraph.\n\n\t2933    if !f.widPresent {\n\t2985        f.buf.Write(b)\n\n\t  56    padding\n\n"
        "After the code.\n\n- item one\n  lazy wrapped\n\n    continued paragraph of item one\n\n"
        "Para.\n\n    code after para\n    more code\n"
    )
    found = [(passage.line, passage.text) for passage in passages(text.split("\n"))]
    assert found == [
        (1, "Intro paragraph."),
        (8, "After the code."),
        (10, "item one lazy wrapped"),
        (13, "continued paragraph of item one"),
        (15, "Para."),
    ]


def test_a_warm_index_reads_only_the_pages_whose_file_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cached digest of a page whose file is as it was (size, times, inode) is taken without
    reading the page; a page that changed is read, and only it."""
    import os
    import time

    from medlint.similarity import index

    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    pages = []
    for number in range(5):
        page = tmp_path / f"page-{number}.md"
        page.write_text(f"# Page {number}\n\n" + " ".join(f"word{number}x{n}" for n in range(80)) + "\n")
        past = time.time() - 60  # well before the cache is written: not "racily clean"
        os.utime(page, (past, past))
        pages.append(str(page))
    first = index.SiteIndex.build(pages, cache_key="warm-test")
    read: list[str] = []
    real = index.read_regular
    monkeypatch.setattr(index, "read_regular", lambda path, limit: read.append(str(path)) or real(path, limit))

    def prints(built: index.SiteIndex) -> list[bytes]:
        return [built.columns.values(row).tobytes() for row in range(len(built.columns))]

    assert prints(index.SiteIndex.build(pages, cache_key="warm-test")) == prints(first)
    assert read == []
    Path(pages[2]).write_text("# Page 2\n\nNew words entirely for this page now.\n")
    again = index.SiteIndex.build(pages, cache_key="warm-test")
    assert read == [pages[2]] and prints(again)[2] != prints(first)[2]
    read.clear()  # a page gone and the rest in another order: each found at its row, none read
    shuffled = [pages[4], pages[0], pages[3], pages[1]]
    moved = index.SiteIndex.build(shuffled, cache_key="warm-test")
    assert read == [] and moved.columns.paths == shuffled
    assert prints(moved) == [prints(again)[row] for row in (4, 0, 3, 1)]
    turned = index.SiteIndex.build(shuffled[::-1], cache_key="warm-test")  # the same pages, reversed
    assert read == [] and turned.columns.paths == shuffled[::-1] and prints(turned) == prints(moved)[::-1]


def test_a_draft_that_is_a_page_of_the_site_is_not_its_own_duplicate(tmp_path: Path) -> None:
    """Checked as a page of the site, by its own path or through a hard link, a page is not
    compared with itself; a true copy under another inode still is."""
    import os

    text = (
        "# Setting up\n\n" + " ".join(f"Step {n} installs the tool and checks its version." for n in range(40)) + "\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "setup.md").write_text(text)
    (tmp_path / "drafts").mkdir()
    os.link(tmp_path / "docs" / "setup.md", tmp_path / "drafts" / "linked.md")
    (tmp_path / "drafts" / "copied.md").write_text(text)
    args = ("--site", "docs", "--format", "json", "--select", "ML301", "--no-cache")
    for own in ("docs/setup.md", "drafts/linked.md"):
        assert medlint("check", own, *args, cwd=tmp_path).findings == []
    assert medlint("check", "drafts/copied.md", *args, cwd=tmp_path).codes() == {"ML301"}


def test_a_page_changed_as_the_cache_was_written_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git's "racily clean" case: a page modified within the file system's time resolution of the
    cache's writing could have changed unseen, so its stamp is not trusted and it is read."""
    from medlint.similarity import index

    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    page = tmp_path / "page.md"
    page.write_text("# Page\n\n" + " ".join(f"word{n}" for n in range(80)) + "\n")
    index.SiteIndex.build([str(page)], cache_key="racy-test")  # written now: within RACY_NS of the page
    read: list[str] = []
    real = index.read_regular
    monkeypatch.setattr(index, "read_regular", lambda path, limit: read.append(str(path)) or real(path, limit))
    index.SiteIndex.build([str(page)], cache_key="racy-test")
    assert read == [str(page)]


def test_cached_postings_find_what_a_scan_finds_as_the_site_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The postings kept in the cache rank the same pages as a scan of every page: when they were
    just made, once pages changed, came and went (those pages are scanned, the postings kept),
    with two pages of one content, and once so many changed that they are made again."""
    import shutil
    import time

    from medlint.similarity import Profile
    from medlint.similarity import index as index_module

    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(index_module, "LOOKUP_VALUES", 0)  # the postings answer however few pages
    posts = sorted(shared_or_skip("corpus", "go-blog").glob("*.md"))
    docs = tmp_path / "docs"
    docs.mkdir()
    for post in posts[20:80]:
        shutil.copy(post, docs / post.name)
    queries = [Profile.of_file(str(path)).all_shingles() for path in [*posts[:20], *posts[30:35]]]

    def settle(*changed: Path) -> list[str]:
        past = time.time() - 60  # older than the cache: not "racily clean"
        for page in changed or docs.iterdir():
            os.utime(page, (past, past))
        return sorted(str(path) for path in docs.glob("*.md"))

    def both(files: list[str]) -> tuple[index_module.SiteIndex, list[list[tuple[int, int]]]]:
        cached = index_module.SiteIndex.build(files, cache_key="postings-test")
        scanned = index_module.SiteIndex.build(files, use_cache=False)
        assert scanned.postings is None and cached.postings is not None
        return cached, scanned.candidates_for(queries)

    files = settle()
    index_module.SiteIndex.build(files, cache_key="postings-test")  # makes the postings
    first, expected = both(files)
    assert first.candidates_for(queries) == expected and not first._unposted_groups()
    assert sum(1 for ranked in expected if ranked) >= 10
    made = first.postings.keys

    pages = sorted(docs.glob("*.md"))
    pages[5].write_text(posts[0].read_text())  # now a copy of a draft
    for copy in ("same-as-ten.md", "also-same-as-ten.md"):  # one content, three pages
        (docs / copy).write_text(pages[10].read_text())
    pages[20].unlink()
    files = settle(pages[5], docs / "same-as-ten.md", docs / "also-same-as-ten.md")
    index_module.SiteIndex.build(files, cache_key="postings-test")
    kept, expected = both(files)
    assert kept.postings.keys == made
    # kept: a changed page, and two more copies of one page, looked at as one
    assert sorted(map(len, kept._unposted_groups())) == [1, 2]
    assert kept.candidates_for(queries) == expected
    # a word's pages from the postings and the groups, as a scan of every page finds them
    terms = sorted(set(kept.columns.page_terms(files.index(str(pages[10])))))[:50]
    for term in terms:
        scanned_rows = [row for row in range(len(kept.columns)) if kept.has_term(row, term)]
        assert sorted(kept.pages_with_term(term)) == scanned_rows
        # the postings' buckets still count the removed page and the changed page's old content
        # (a word's weight is an estimate): at most two more
        assert len(scanned_rows) <= kept.pages_with_term_count(term) <= len(scanned_rows) + 2
        assert len(scanned_rows) >= 3
    assert expected[0][0][0] == files.index(str(pages[5]))

    for page in pages[30:40]:
        page.write_text(page.read_text() + "\nA closing line.\n")
    files = settle(*pages[30:40])
    index_module.SiteIndex.build(files, cache_key="postings-test")
    remade, expected = both(files)
    assert remade.postings.keys != made
    assert [len(group) for group in remade._unposted_groups()] == [2]  # the other copies of one content
    assert remade.candidates_for(queries) == expected


def test_candidates_alone_make_no_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever pages the index names as candidates (a cache's fingerprints altered in place could
    name any), a duplicate needs the page's own text to match: with every page a candidate, an
    unrelated draft duplicates none, and a copy is still found."""
    from medlint.document import read_document
    from medlint.generators import open_site
    from medlint.similarity import SimilaritySettings, compare
    from medlint.similarity import index as index_module

    posts = sorted(shared_or_skip("corpus", "go-blog").glob("*.md"))
    (tmp_path / "docs").mkdir()
    for post in posts[:6]:
        (tmp_path / "docs" / post.name).write_text(post.read_text())
    (tmp_path / "unrelated.md").write_text(posts[10].read_text())
    (tmp_path / "copy.md").write_text(posts[3].read_text())
    monkeypatch.setattr(
        index_module.SiteIndex,
        "candidates_for",
        lambda self, queries, limit=8, min_hits=3: [[(row, 999) for row in range(len(self.columns))] for _ in queries],
    )
    site = open_site(tmp_path / "docs")
    documents = [read_document(tmp_path / name) for name in ("unrelated.md", "copy.md")]
    report = compare(documents, site, SimilaritySettings(), use_cache=False, between_drafts=False)
    assert len(report.site_matches[documents[0].path]) == 6  # every page was aligned with it
    assert report.duplicated_page(documents[0].path) is None
    assert not report.copies(documents[0].path, min_words=20)
    found = report.duplicated_page(documents[1].path)
    assert found is not None and Path(found.path).name == posts[3].name
