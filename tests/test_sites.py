"""The site model against real generators: medlint's page URLs are compared with what the
generator builds (Material for MkDocs' blog plugin, Hugo and Jekyll from Debian's packages), and
the CLI and the MkDocs plugin judge links, canonical URLs and drafts by them. Zola does not
install here; its rules are checked as documented."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import TRICKY_TITLES, build_hugo, build_jekyll, hugo_layouts, medlint, require_tool

from medlint.files import Boundary
from medlint.generators import open_site
from medlint.site import Reach

PROSE = " ".join(
    f"Sentence {n} explains how the index on column {n % 7} is skipped when the planner guesses wrong."
    for n in range(40)
)


def _built_urls(site_dir: Path) -> set[str]:
    """Every page the generator wrote, as a URL path from the site root (``blog/2024/02/x/``)."""
    found = set()
    for page in site_dir.rglob("*.html"):
        relative = page.relative_to(site_dir).as_posix()
        found.add(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return found


def _published(folder: Path) -> set[str]:
    site = open_site(folder)
    assert site is not None
    return {page.url for page in site.entries() if page.published}


# --- Material for MkDocs, blog plugin -------------------------------------------------------

BLOG_YML = """site_name: Blog
site_url: https://example.com/
theme:
  name: material
plugins:
  - medlint  # first: it still reads the URLs after the blog plugin's events
  - blog:
      post_url_date_format: yyyy/MM
      post_url_format: "{date}/{slug}"
      draft_if_future_date: true
      categories_url_format: "topic/{slug}"
      pagination_per_page: 1
  - redirects:
      redirect_maps:
        old-post.md: blog/posts/indexes.md
"""

POSTS = {
    "indexes.md": "---\ndate: 2024-02-20\ncategories: [Databases]\n---\n\n# Postgres index not used\n\n" + PROSE,
    "slugged.md": "---\ndate: 2024-03-01\nslug: custom-slug\ncategories: [Python]\n---\n\n# A slugged post\n\nBody.\n",
    "draft.md": "---\ndate: 2024-03-02\ndraft: true\n---\n\n# A draft post\n\nGo [here](https://example.com/).\n",
    "future.md": "---\ndate: 2099-01-01\n---\n\n# A future post\n\nGo [here](https://example.com/) later.\n",
}


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install -e '.[test]')")
    posts = tmp_path / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(BLOG_YML)
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nThe home page.\n")
    (tmp_path / "docs" / "blog" / "index.md").write_text("# Blog\n")
    for name, text in POSTS.items():
        (posts / name).write_text(text)
    (tmp_path / "drafts").mkdir()
    return tmp_path


def _build(folder: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    """A real ``mkdocs build`` (the medlint plugin included); the plugin's messages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build(load_config(str(folder / "mkdocs.yml"), site_dir=str(folder / "site")))
    return [record.getMessage() for record in caplog.records if record.name == "mkdocs.plugins.medlint"]


def test_blog_urls_are_the_ones_material_builds(blog: Path, caplog: pytest.LogCaptureFixture) -> None:
    messages = _build(blog, caplog)
    built = {url for url in _built_urls(blog / "site") if not url.startswith(("404", "search", "old-post"))}
    assert _published(blog) == built
    assert {"blog/2024/02/postgres-index-not-used/", "blog/2024/03/custom-slug/"} <= built
    assert {"blog/topic/databases/", "blog/topic/python/", "blog/archive/2024/", "blog/page/2/"} <= built
    # the plugin checks the held-back posts (draft: true, and future-dated), and only those, as
    # drafts; and the posts it builds as Medium's Import would take them (ML6xx), and only those
    checked = {message.split(":", 1)[0] for message in messages}
    assert checked == {
        "docs/blog/posts/draft.md",
        "docs/blog/posts/future.md",
        "site/blog/2024/02/postgres-index-not-used/index.html",
        "site/blog/2024/03/custom-slug/index.html",
    }
    assert all(" ML6" in message for message in messages if message.startswith("site/"))


def test_the_cli_judges_blog_links_and_canonicals_by_the_built_urls(blog: Path) -> None:
    links = [
        "https://example.com/blog/2024/02/postgres-index-not-used/",
        "https://example.com/blog/2024/03/custom-slug/",
        "https://example.com/blog/topic/databases/",
        "https://example.com/blog/archive/2024/",
        "https://example.com/old-post/",  # a redirect leads to the post
    ]
    text = "---\ntitle: Links\n---\n\n# Links\n\n" + "\n".join(
        f"Read [post number {n}]({url})." for n, url in enumerate(links)
    )
    text += "\nAnd [the missing one](https://example.com/blog/2024/02/missing/) and [a file](../docs/blog/posts/slugged.md).\n"
    (blog / "drafts" / "links.md").write_text(text)
    run = medlint("check", "drafts/links.md", "--format", "json", "--select", "ML205,ML209", cwd=blog)
    assert [(f["code"], f["message"]) for f in run.findings] == [
        ("ML209", "https://example.com/blog/2024/02/missing/ matches nothing the site publishes"),
        (
            "ML205",
            "Relative link ../docs/blog/posts/slugged.md breaks on Medium; use https://example.com/blog/2024/03/custom-slug/",
        ),
    ]
    copy = "---\ntitle: Why the planner skips an index\n---\n\n" + PROSE + "\n"
    (blog / "drafts" / "copy.md").write_text(copy)
    found = medlint("check", "drafts/copy.md", "--format", "json", "--select", "ML3", cwd=blog).findings
    assert [f["code"] for f in found] == ["ML301"]
    assert found[0]["related"][0]["url"] == "https://example.com/blog/2024/02/postgres-index-not-used/"
    assert "canonical_url: https://example.com/blog/2024/02/postgres-index-not-used/" in found[0]["message"]
    crosspost = "---\ntitle: Postgres index not used\ncanonical_url: https://example.com/blog/2024/02/postgres-index-not-used/\n---\n\n"
    (blog / "drafts" / "copy.md").write_text(crosspost + "# Postgres index not used\n\n" + PROSE + "\n")
    assert medlint("check", "drafts/copy.md", "--format", "json", "--select", "ML3", cwd=blog).findings == []
    redirected = crosspost.replace("blog/2024/02/postgres-index-not-used/", "old-post/")  # a redirect to it
    (blog / "drafts" / "copy.md").write_text(redirected + "# Postgres index not used\n\n" + PROSE + "\n")
    assert medlint("check", "drafts/copy.md", "--format", "json", "--select", "ML3", cwd=blog).findings == []


def test_with_no_path_the_cli_checks_the_posts_the_blog_holds_back(blog: Path) -> None:
    (blog / "drafts").rmdir()
    run = medlint("check", "--format", "json", "--select", "ML101", cwd=blog)
    assert {f["path"] for f in run.findings} == {"docs/blog/posts/draft.md", "docs/blog/posts/future.md"}


def test_a_plugin_medlint_does_not_read_is_named_once_and_its_urls_make_no_error(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nText.\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://s.example/\nplugins:\n  - no-such-plugin\n")
    (tmp_path / "draft.md").write_text(
        "# Draft\n\nRead [the guide](https://s.example/guide/) and [x](https://s.example/nope/).\n"
    )
    run = medlint("check", "draft.md", "--format", "json", "--select", "ML209", cwd=tmp_path)
    [finding] = run.findings
    assert finding["message"].startswith(
        "https://s.example/nope/ matches nothing the site publishes; some of the site's"
    )
    assert finding["severity"] == "warning" and run.code == 0
    assert run.err.count("'no-such-plugin'") == 1 and "assumes the plugin moves no page" in run.err
    trusted = medlint("check", "draft.md", "--format", "json", "--select", "ML209", "--trust-site", cwd=tmp_path)
    assert trusted.err.count("MkDocs could not load this site") == 1 and "no-such-plugin" in trusted.err
    assert "Traceback" not in run.err + trusted.err


def test_the_plugin_takes_drafts_as_one_folder(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nHome.\n")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n.md").write_text("# Note\n\nGo [here](https://s.example/).\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nsite_url: https://s.example/\nplugins:\n  - medlint:\n      drafts: notes\n"
    )
    assert any(message.startswith("notes/n.md:3:4: ML101") for message in _build(tmp_path, caplog))


# --- Hugo ------------------------------------------------------------------------------------

HUGO_PAGES = {
    "_index.md": "---\ntitle: Home\n---\n",
    "about.md": "---\ntitle: About\n---\nAbout.\n",
    "posts/_index.md": "---\ntitle: Posts\n---\n",
    "posts/first-post.md": "---\ntitle: First Post\ndate: 2024-01-02\n---\nOne.\n",
    "posts/second.md": "---\ntitle: The Second One\ndate: 2024-02-03\nslug: custom\naliases: [/old/second/]\n---\nTwo.\n",
    "posts/bundle/index.md": "---\ntitle: A Bundle\ndate: 2024-03-04\n---\nThree.\n",
    "posts/draft.md": "---\ntitle: Draft\ndate: 2024-03-05\ndraft: true\n---\nDraft.\n",
    "posts/future.md": "---\ntitle: Future\ndate: 2099-01-01\n---\nLater.\n",
    "docs/Guide.md": "---\ntitle: Guide\nurl: /handbook/guide/\n---\nGuide.\n",
    "notes/note.md": "---\ntitle: A Note\ndate: 2024-05-06\n---\nNote.\n",
}


def test_hugo_urls_are_the_ones_hugo_builds(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(
        'baseURL = "https://h.example/"\ntitle = "H"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        '[permalinks]\n  posts = "/:year/:month/:title/"\n'
    )
    hugo_layouts(tmp_path, "{{ .Title }}")
    for name, text in HUGO_PAGES.items():
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text(text)
    build_hugo(tmp_path)
    built = _built_urls(tmp_path / "public")
    aliases = {"old/second/"}  # Hugo writes an alias as a redirect page
    assert _published(tmp_path) == built - aliases
    site = open_site(tmp_path)
    assert site is not None and site.page_for_url("https://h.example/old/second/").url == "2024/02/the-second-one/"
    assert {str(path.relative_to(tmp_path / "content")) for path in site.drafts()} == {
        "posts/draft.md",
        "posts/future.md",
    }


# --- Jekyll ----------------------------------------------------------------------------------

JEKYLL_PAGES = {
    "index.md": "---\ntitle: Home\n---\nHome.\n",
    "about.md": "---\ntitle: About\n---\nAbout.\n",
    "docs/guide.md": "---\ntitle: Guide\n---\nGuide.\n",
    "custom.md": "---\ntitle: Custom\npermalink: /somewhere/else/\n---\nCustom.\n",
    "plain.md": "No front matter: copied, not a page.\n",
    "_posts/2024-01-02-first-post.md": "---\ntitle: First\n---\nOne.\n",
    "_posts/2024-02-03-second.md": "---\ntitle: Second\ncategories: [Data Bases, go]\n---\nTwo.\n",
    "tech/_posts/2024-03-04-third.md": "---\ntitle: Third\n---\nThree.\n",
    "_posts/2024-04-05-hidden.md": "---\ntitle: Hidden\npublished: false\n---\nHidden.\n",
    "_posts/2099-01-01-future.md": "---\ntitle: Future\n---\nLater.\n",
    "_drafts/idea.md": "---\ntitle: Idea\n---\nIdea.\n",
    "_recipes/soup.md": "---\ntitle: Soup\n---\nSoup.\n",
    "_posts/2024-05-06-Hello World & More.md": "---\ntitle: Odd name\n---\nOdd.\n",
    "_posts/2024-05-07-what?#x%y  z_b.md": "---\ntitle: Odder\n---\nOdder.\n",
    "_posts/2024-05-08-e.md": "---\ntitle: Slugged\nslug: 'Sl ug?x'\n---\nSlugged.\n",
}


@pytest.mark.parametrize("style", ["date", "pretty"])
def test_jekyll_urls_are_the_ones_jekyll_builds(tmp_path: Path, style: str) -> None:
    (tmp_path / "_config.yml").write_text(
        f"url: https://j.example\nbaseurl: /blog\npermalink: {style}\ncollections:\n  recipes:\n    output: true\n"
    )
    for name, text in JEKYLL_PAGES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    build_jekyll(tmp_path)
    assert _published(tmp_path) == _built_urls(tmp_path / "_site")
    site = open_site(tmp_path)
    assert site is not None and site.site_url == "https://j.example/blog/"
    held = {str(path.relative_to(tmp_path)) for path in site.drafts()}
    assert held == {"_posts/2024-04-05-hidden.md", "_posts/2099-01-01-future.md", "_drafts/idea.md"}


# --- Zola (not installable here: its documented rules) -------------------------------------


def test_zola_urls_follow_its_documented_rules(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('base_url = "https://z.example"\ntitle = "Z"\n')
    pages = {
        "_index.md": "+++\ntitle = 'Home'\n+++\n",
        "blog/_index.md": "+++\ntitle = 'Blog'\n+++\n",
        "blog/2024-01-02-hello-world.md": "+++\ntitle = 'Hello'\naliases = ['/old/hello/']\n+++\nHi.\n",
        "blog/Second Post.md": "+++\ntitle = 'Second'\nslug = 'the-second'\n+++\nTwo.\n",
        "blog/bundle/index.md": "+++\ntitle = 'Bundle'\n+++\nThree.\n",
        "blog/moved.md": "+++\ntitle = 'Moved'\npath = 'elsewhere/moved'\n+++\nMoved.\n",
        "blog/draft.md": "+++\ntitle = 'Draft'\ndraft = true\n+++\nDraft.\n",
    }
    for name, text in pages.items():
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text(text)
    site = open_site(tmp_path)
    assert site is not None and site.generator.name == "zola" and site.site_url == "https://z.example"
    assert _published(tmp_path) == {
        "", "blog/", "blog/hello-world/", "blog/the-second/", "blog/bundle/", "elsewhere/moved/"
    }  # fmt: skip
    assert site.page_for_url("https://z.example/old/hello/").url == "blog/hello-world/"
    assert [path.name for path in site.drafts()] == ["draft.md"]
    (tmp_path / "draft.md").write_text(
        "# D\n\nSee [hello](https://z.example/blog/hello-world/) and [x](https://z.example/blog/nope/).\n"
    )
    run = medlint("check", "draft.md", "--format", "json", "--select", "ML209", cwd=tmp_path)
    assert [f["message"] for f in run.findings] == ["https://z.example/blog/nope/ matches nothing the site publishes"]


def test_the_generator_key_forces_one(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "page.md").write_text("---\ntitle: P\nslug: pretty\n---\nText.\n")
    (tmp_path / "config.toml").write_text('base_url = "https://z.example/"\n')
    assert _published(tmp_path) == {"pretty/"}  # detected: Zola
    (tmp_path / ".medlint.yml").write_text("generator: folder\nsite: content\nsite_url: https://z.example/\n")
    run = medlint("check", "content/page.md", "--format", "json", "--select", "ML2", cwd=tmp_path)
    assert run.code in (0, 1)
    (tmp_path / ".medlint.yml").write_text("generator: gatsby\n")
    bad = medlint("check", "content/page.md", cwd=tmp_path)
    assert bad.code == 2 and "generator must be one of" in bad.err


# --- ProperDocs --------------------------------------------------------------------------------


def test_properdocs_build_strict_fails_on_a_draft_and_the_cli_reads_properdocs_yml(tmp_path: Path) -> None:
    require_tool("properdocs", "pip install -e '.[test]'")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nThe home page.\n")
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nThe guide.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "n.md").write_text(
        "# Note\n\nGo [here](https://p.example/) or [the guide](../docs/guide.md).\n"
    )
    (tmp_path / "properdocs.yml").write_text("site_name: P\nsite_url: https://p.example/\nplugins:\n  - medlint\n")
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / ".cache")}
    done = subprocess.run(["properdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 1 and "drafts/n.md:3:4: ML101 [error]" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    run = medlint("check", "--format", "json", "--select", "ML101,ML205", cwd=tmp_path)
    assert [(f["code"], f["line"]) for f in run.findings] == [("ML101", 3), ("ML205", 3)]
    assert "use https://p.example/guide/" in run.findings[1]["message"]


def test_a_zensical_project_is_read_from_zensical_toml_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / "zensical.toml").write_text(
        '[project]\nsite_name = "Z"\nsite_url = "https://zen.example/"\ndocs_dir = "pages"\n'
    )
    (tmp_path / "pages" / "guide").mkdir(parents=True)
    (tmp_path / "pages" / "guide" / "setup.md").write_text("# Setup\n\nText.\n")
    (tmp_path / "pages" / "draft.md").write_text(
        "---\ndraft: true\n---\n\n# D\n\nGo [here](https://zen.example/guide/setup/).\n"
    )
    site = open_site(tmp_path)
    assert site is not None and site.generator.name == "zensical" and site.site_url == "https://zen.example/"
    assert _published(tmp_path) == {"guide/setup/"}
    run = medlint("check", "--format", "json", "--select", "ML101,ML209", cwd=tmp_path)
    assert [(f["path"], f["code"]) for f in run.findings] == [("pages/draft.md", "ML101")]
    assert "is built with Zensical: the medlint MkDocs plugin does not run there" in run.err


@pytest.mark.parametrize("settings", ["hugo.toml", "_config.yml", "mkdocs.yml"])
def test_many_drafts_are_checked_in_parallel_against_any_generators_site(tmp_path: Path, settings: str) -> None:
    """Past the parallel threshold, the site goes to worker processes with its pages: every
    generator's site must travel (found once, in the parent)."""
    from medlint.engine import PARALLEL_THRESHOLD

    content = {"hugo.toml": "content", "_config.yml": ".", "mkdocs.yml": "docs"}[settings]
    (tmp_path / content).mkdir(exist_ok=True)
    (tmp_path / content / "page.md").write_text("---\ntitle: Page\n---\n\nThe page.\n")
    address = {"hugo.toml": 'baseURL = "https://p.example/"', "_config.yml": "url: https://p.example"}
    (tmp_path / settings).write_text(address.get(settings, "site_name: P\nsite_url: https://p.example/") + "\n")
    (tmp_path / "drafts").mkdir()
    count = PARALLEL_THRESHOLD + 5
    for number in range(count):
        (tmp_path / "drafts" / f"d{number}.md").write_text(f"# D{number}\n\nGo [here](https://p.example/page/).\n")
    run = medlint("check", "drafts", "--format", "json", "--select", "ML101,ML209", cwd=tmp_path)
    assert run.code == 1 and "internal error" not in run.err, run.err
    assert sorted({f["code"] for f in run.findings}) == ["ML101"] and len(run.findings) == count


def test_the_page_list_is_cached_only_when_the_cache_is_on(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nText.\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://s.example/\n")
    (tmp_path / "draft.md").write_text("# D\n\nSee [the guide](https://s.example/guide/).\n")
    cache = tmp_path / "cache"
    env = {"MEDLINT_CACHE_DIR": str(cache)}
    medlint("check", "draft.md", "--select", "ML209", "--no-cache", cwd=tmp_path, env=env)
    assert not list(cache.glob("pages-*.idx"))  # --no-cache: MkDocs asked, nothing kept
    (tmp_path / ".medlint.yml").write_text("cache: false\n")
    medlint("check", "draft.md", "--select", "ML209", cwd=tmp_path, env=env)
    assert not list(cache.glob("pages-*.idx"))
    (tmp_path / ".medlint.yml").unlink()
    run = medlint("check", "draft.md", "--select", "ML209", "--format", "json", cwd=tmp_path, env=env)
    assert run.findings == [] and len(list(cache.glob("pages-*.idx"))) == 1


SITE_FILES = {
    "docs/index.md": "# Home\n\nHome.\n",
    "docs/guide.md": "# Guide\n\nThe guide.\n",
    "docs/notes/README.md": "# Notes\n\nNotes.\n",
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/posts/first.md": "---\ndate: 2024-02-01\ncategories: [Tips]\n---\n\n# First post\n\nBody.\n",
    "docs/blog/posts/wip.md": "---\ndate: 2024-03-01\ndraft: true\n---\n\n# Not yet\n\nBody.\n",
    "docs/logo.png": "png",
    "mkdocs.yml": (
        "site_name: S\nsite_url: https://s.example/\nplugins:\n  - blog\n"
        "  - redirects:\n      redirect_maps:\n        old.md: guide.md\n"
    ),
}


@pytest.mark.parametrize("kind", ["mkdocs", "folder"])
def test_a_kept_page_list_answers_as_reading_the_site_does(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page list a site keeps between runs gives every page, URL, alias and draft that reading
    the site gives, without asking the generator; a new page or another address is read again."""
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    project = tmp_path / "project"
    for name, text in SITE_FILES.items():
        if kind == "mkdocs" or name.startswith("docs/"):
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            (project / name).write_text(text)
            os.utime(project / name, (1_600_000_000, 1_600_000_000))  # older than the cache
    folder = project if kind == "mkdocs" else project / "docs"

    def answers(site) -> tuple:  # type: ignore[no-untyped-def, type-arg]
        pages = site.entries()
        urls = [url for page in pages for url in (page.url, *page.aliases) if url is not None]
        return (
            pages,
            site.guessed,
            site.page_sources(),
            site.drafts(),
            [site.url(Path(page.source)) for page in pages if page.source],
            [site.locate(site.base_url + url, str(folder / "x.md")) for url in urls],
            site.locate("/logo.png", str(folder / "x.md")),
        )

    fresh = answers(open_site(folder, use_cache=False))
    assert answers(open_site(folder)) == fresh  # read, and kept
    generator = type(open_site(folder).generator)
    with monkeypatch.context() as patched:
        patched.setattr(generator, "pages", lambda self, site: pytest.fail("the kept list was not used"))
        if kind == "mkdocs":  # its copied files are kept too
            patched.setattr(generator, "files", lambda self, site: pytest.fail("the kept files were not used"))
        kept = answers(open_site(folder))
    assert kept == fresh and any(not page.published for page in kept[0]) == (kind == "mkdocs")
    (project / "docs" / "new.md").write_text("# New\n")
    (project / "docs" / "new.png").write_bytes(b"png")
    again = open_site(folder)
    assert str((project / "docs" / "new.md").resolve()) in again.page_sources()
    assert again.locate("new.png", str(project / "docs" / "x.md")).reach == Reach.FILE
    elsewhere = open_site(folder, configured_url="https://other.example/")
    assert elsewhere is not None and elsewhere.page_for_url("https://other.example/guide/") is not None


def test_a_site_reads_again_only_the_heads_of_pages_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generator that reads every page's front matter (Hugo here) reads, on the next run, only
    the pages whose file changed; the URLs are the ones a full read gives."""
    from medlint import files

    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "hugo.toml").write_text(
        'baseURL = "https://h.example/"\n[permalinks]\n  posts = "/:year/:month/:title/"\n'
    )
    for name, text in HUGO_PAGES.items():
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text(text)
        os.utime(tmp_path / "content" / name, (1_600_000_000, 1_600_000_000))  # older than the cache
    read: list[str] = []
    real = files.read_regular
    monkeypatch.setattr(files, "read_regular", lambda path, limit: read.append(Path(path).name) or real(path, limit))

    def urls() -> list[tuple[str | None, tuple[str, ...], bool]]:
        read.clear()
        site = open_site(tmp_path)
        assert site is not None
        return sorted((page.url, page.aliases, page.published) for page in site.entries())

    fresh = urls()
    pages = {name.rsplit("/", 1)[-1] for name in HUGO_PAGES}
    assert pages <= set(read)
    assert urls() == fresh and not pages & set(read)  # every head kept
    second = tmp_path / "content" / "posts" / "second.md"
    second.write_text(second.read_text().replace("date: 2024-02", "date: 2023-02"))
    changed = urls()
    assert pages & set(read) == {"second.md"}
    assert changed != fresh and any(url and url.startswith("2023/02/") for url, _, _ in changed)


def test_a_kept_head_is_the_front_matter_read() -> None:
    """Front matter comes back from the cache as it was read: dates, times, nesting; what is not
    data is not kept."""
    import datetime

    from medlint import heads

    meta = {
        "date": datetime.date(2024, 2, 1),
        "updated": datetime.datetime(2024, 2, 1, 10, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
        "at": datetime.time(8, 15),
        "tags": ["a", 1, 2.5, None, True, {"nested": [datetime.date(2020, 1, 1)]}],
        3: "a number key",
    }
    assert heads._restored(heads._plain(meta)) == meta
    with pytest.raises(ValueError):
        heads._plain({"tags": {"a", "b"}})


def test_a_kept_page_list_is_read_again_when_a_post_dated_later_comes_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A post dated in the future is a draft until its date; the page list kept between runs is
    taken as it is until then, and read again once the date has come."""
    import datetime
    import time
    import types

    from medlint import site as site_module
    from medlint.generators import dates
    from medlint.generators.hugo import Hugo

    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "hugo.toml").write_text('baseURL = "https://h.example/"\n')
    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "soon.md").write_text(f"---\ntitle: Soon\ndate: {soon.isoformat()}\n---\nSoon.\n")
    (posts / "old.md").write_text("---\ntitle: Old\ndate: 2020-01-01\n---\nOld.\n")
    for file in [tmp_path / "hugo.toml", posts / "soon.md", posts / "old.md"]:
        os.utime(file, (1_600_000_000, 1_600_000_000))  # older than the cache

    def drafts() -> set[str]:
        site = open_site(tmp_path)
        assert site is not None
        return {path.name for path in site.drafts()}

    assert drafts() == {"soon.md"}
    with monkeypatch.context() as patched:
        patched.setattr(Hugo, "pages", lambda self, site: pytest.fail("the kept list was not used"))
        assert drafts() == {"soon.md"}
    later = soon + datetime.timedelta(hours=1)
    monkeypatch.setattr(dates, "now", lambda: later)
    monkeypatch.setattr(site_module, "time", types.SimpleNamespace(time=later.timestamp, time_ns=time.time_ns))
    assert drafts() == set()


ZOLA_PAGES = {
    "_index.md": "+++\ntitle = 'Home'\n+++\n",
    "blog/_index.md": "+++\ntitle = 'Blog'\n+++\n",
    "blog/2024-01-02-hello-world.md": "+++\ntitle = 'Hello'\naliases = ['/old/hello/']\n+++\nHi.\n",
    "blog/draft.md": "+++\ntitle = 'Draft'\ndraft = true\n+++\nDraft.\n",
}
HEXO_SOURCES = {
    "_posts/first.md": "---\ntitle: First\ndate: 2024-01-02\ncategories: Tools\n---\n\nOne.\n",
    "_posts/later.md": "---\ntitle: Later\ndate: 2099-01-01\n---\n\nLater.\n",
    "_drafts/idea.md": "---\ntitle: Idea\n---\n\nAn idea.\n",
    "contact.md": "---\ntitle: Contact\n---\n\nContact.\n",
}
KEPT_SITES = {
    "hugo": (
        "hugo.toml",
        'baseURL = "https://h.example/"\n[permalinks]\n  posts = "/:year/:month/:title/"\n',
        "content",
        HUGO_PAGES,
    ),
    "jekyll": ("_config.yml", "url: https://j.example\npermalink: pretty\n", ".", JEKYLL_PAGES),
    "zola": ("config.toml", 'base_url = "https://z.example"\ntitle = "Z"\n', "content", ZOLA_PAGES),
    "hexo": (
        "_config.yml",
        "title: H\nurl: https://hx.example/\npermalink: :year/:title/\nfuture: false\n",
        "source",
        HEXO_SOURCES,
    ),
}


@pytest.mark.parametrize("name", KEPT_SITES)
def test_a_generator_site_kept_between_runs_is_the_site_read(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hugo's, Jekyll's, Zola's and Hexo's page lists, kept between runs, give the pages, drafts
    and URLs that reading the site gives, without asking the generator."""
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    settings, text, content, pages = KEPT_SITES[name]
    site_dir = tmp_path / "site"
    for path, body in [(settings, text), *((f"{content}/{page}", source) for page, source in pages.items())]:
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(body)
        os.utime(site_dir / path, (1_600_000_000, 1_600_000_000))  # older than the cache

    def answers(use_cache: bool = True) -> tuple:  # type: ignore[type-arg]
        site = open_site(site_dir, use_cache=use_cache)
        assert site is not None and site.generator.name == name
        entries = site.entries()
        urls = [site.base_url + url for page in entries for url in (page.url, *page.aliases) if url is not None]
        return entries, site.drafts(), [site.locate(url, str(site_dir / "x.md")) for url in urls]

    fresh = answers(use_cache=False)
    assert answers() == fresh  # read, and kept
    generator = type(open_site(site_dir).generator)  # type: ignore[union-attr]
    monkeypatch.setattr(generator, "pages", lambda self, site: pytest.fail("the kept list was not used"))
    assert answers() == fresh and fresh[1]


NODE_SITES = {
    "astro": (
        {
            "package.json": '{"name": "a", "private": true, "type": "module", "dependencies": {"astro": "^5"}}',
            "astro.config.mjs": 'export default { site: "https://as.example" };\n',
            "src/content.config.ts": (
                'import { defineCollection } from "astro:content";\nimport { glob } from "astro/loaders";\n'
                'const blog = defineCollection({ loader: glob({ pattern: "**/*.md", base: "./src/content/blog" }) });\n'
                "export const collections = { blog };\n"
            ),
            "src/pages/blog/[...slug].astro": (
                '---\nimport { getCollection } from "astro:content";\nexport async function getStaticPaths() {\n'
                '  const posts = await getCollection("blog");\n'
                "  return posts.map((post) => ({ params: { slug: post.id }, props: post }));\n}\n---\n"
            ),
            "src/content/blog/hello.md": "---\ntitle: Hello\n---\n\nHello.\n",
            "public/logo.png": "png",
        },
        ("src/pages/notes/[...slug].astro", "src/pages/blog/[...slug].astro"),  # a second route to the posts
    ),
    "eleventy": (
        {
            "package.json": '{"name": "e", "private": true, "dependencies": {"@11ty/eleventy": "^3"}}',
            "eleventy.config.js": (
                'module.exports = (config) => {\n  config.addPassthroughCopy("img");\n'
                '  config.addPreprocessor("drafts", "*", (data) => { if (data.draft) return false; });\n};\n'
            ),
            "_data/metadata.json": '{"url": "https://el.example/"}',
            "posts/hello.md": "---\ntitle: Hello\n---\n\nHello.\n",
            "posts/idea.md": "---\ntitle: Idea\ndraft: true\n---\n\nAn idea.\n",
            "img/logo.png": "png",
        },
        ("posts/posts.11tydata.json", '{"permalink": "/p/{{ page.fileSlug }}/"}'),  # a folder's data moves its posts
    ),
    "docusaurus": (
        {
            "package.json": '{"name": "d", "private": true, "dependencies": {"@docusaurus/core": "^3"}}',
            "docusaurus.config.js": (
                "export default {\n  url: 'https://ds.example',\n  baseUrl: '/',\n"
                "  presets: [['classic', { blog: {} }]],\n};\n"
            ),
            "blog/2024-01-02-hello.md": "---\ntitle: Hello\n---\n\nHello.\n",
            "docs/intro.md": "# Intro\n\nIntro.\n",
            "static/logo.png": "png",
        },
        ("src/pages/about.js", "export default function About() {\n  return null;\n}\n"),  # a page of its own
    ),
}


@pytest.mark.parametrize("name", NODE_SITES)
def test_a_node_generators_site_is_kept_under_every_file_of_its_project(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Astro's, Eleventy's and Docusaurus' page lists and copied files, which come from files all
    over the project (routes, collections, data files), are kept between runs and answer as
    reading the site does, until any file of the project changes: a new route, data file or page
    that is no Markdown is read."""
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    files, (changed, text) = NODE_SITES[name]
    site_dir = tmp_path / "site"
    for path, body in files.items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(body)
        os.utime(site_dir / path, (1_600_000_000, 1_600_000_000))  # older than the cache

    def answers(use_cache: bool = True) -> tuple:  # type: ignore[type-arg]
        site = open_site(site_dir, boundary=Boundary.of(site_dir), use_cache=use_cache)  # as the CLI opens it
        assert site is not None and site.generator.name == name
        entries = site.entries()
        urls = [site.base_url + url for page in entries for url in (page.url, *page.aliases) if url is not None]
        return entries, site.drafts(), site.files(), [site.locate(url, str(site_dir / "x.md")) for url in urls]

    fresh = answers(use_cache=False)
    assert answers() == fresh and fresh[2]  # read, and kept
    generator = type(open_site(site_dir).generator)  # type: ignore[union-attr]
    with monkeypatch.context() as patched:
        patched.setattr(generator, "pages", lambda self, site: pytest.fail("the kept list was not used"))
        patched.setattr(generator, "files", lambda self, site: pytest.fail("the kept files were not used"))
        assert answers() == fresh
    (site_dir / changed).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / changed).write_text(text if not text.startswith("src/") else files[text])
    now = answers(use_cache=False)
    assert now[0] != fresh[0] and answers() == now


def test_a_kept_walk_is_the_walk_as_folders_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk of a content folder is kept while every folder it listed is as it was: added,
    removed and renamed files and folders, at any depth, are found as a fresh walk finds them; a
    folder changed within two seconds of the keeping is listed again; a walk that met a symbolic
    link is not kept."""
    from medlint.files import Boundary, walk_markdown
    from medlint.walks import walk

    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    docs = tmp_path / "docs"
    for name in ("a.md", "sub/b.md", "sub/deep/c.md", "sub/deep/c.png", ".hidden/x.md", "other.txt"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(f"# {name}\n")
    boundary = Boundary.of(tmp_path)
    listings: list[str] = []
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: listings.append(str(path)) or real_scandir(path))

    def age() -> None:  # every folder modified a minute ago: not "racily clean"
        for folder in (docs, *[path for path in docs.rglob("*") if path.is_dir()]):
            os.utime(folder, (os.stat(folder).st_atime, os.stat(folder).st_mtime - 60))

    def checked(kept: bool) -> None:
        passed: list[tuple[str, str | None]] = []
        fresh = list(walk_markdown(docs, boundary, passed))
        listings.clear()
        assert walk(docs, boundary, use_cache=True) == (fresh, passed)
        assert (listings == []) is kept, listings

    age()
    checked(kept=False)  # nothing kept yet
    checked(kept=True)
    for change in (
        lambda: (docs / "sub" / "deep" / "d.md").write_text("# d\n"),  # added, two levels down
        lambda: (docs / "sub" / "b.md").unlink(),  # removed
        lambda: (docs / "a.md").rename(docs / "renamed.md"),  # renamed
        lambda: (docs / "new" / "e.md").parent.mkdir(),  # a new folder, empty
        lambda: (docs / "new" / "e.md").write_text("# e\n"),  # a file in it
        lambda: shutil.rmtree(docs / "sub" / "deep"),  # a folder gone
    ):
        change()
        age()
        checked(kept=False)
        checked(kept=True)
    (docs / "late.md").write_text("# late\n")  # modified now: within two seconds of the next keeping
    checked(kept=False)
    checked(kept=False)
    age()
    (docs / "link.md").symlink_to(docs / "renamed.md")
    age()
    checked(kept=False)
    checked(kept=False)  # a walk with a link is not kept
    for _ in range(2):  # nor where no boundary asks where links lead
        listings.clear()
        walk(docs, None, use_cache=True)
        assert listings != []


BAD_DATE_SITES = {
    "hugo": {"hugo.toml": 'baseURL = "https://h.example/"\n', "content/posts/": ""},
    "jekyll": {"_config.yml": "url: https://h.example\n", "_posts/2020-01-01-": ""},
    "hexo": {"_config.yml": "url: https://h.example\n", "package.json": '{"dependencies": {"hexo": "7"}}', "source/_posts/": ""},
    "eleventy": {
        "package.json": '{"dependencies": {"@11ty/eleventy": "3"}}',
        "_data/metadata.json": '{"url": "https://h.example/"}',
        "posts/": "",
    },
    "mkdocs": {"mkdocs.yml": "site_name: m\nsite_url: https://h.example/\n", "docs/": ""},
}  # fmt: skip


@pytest.mark.parametrize("generator", sorted(BAD_DATE_SITES))
def test_an_impossible_date_is_a_finding_naming_file_field_and_value_and_the_run_goes_on(
    tmp_path: Path, generator: str
) -> None:
    """``date: 2030-31-12`` (seen in a real Astro blog) stopped every run with an internal error:
    now it is ML902 on that page, naming the field and the value, and every other page is
    judged (here a draft with a link that matches nothing, ML209)."""
    folder = None
    for name, text in BAD_DATE_SITES[generator].items():
        if text:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        else:
            folder = name
    assert folder is not None
    (tmp_path / f"{folder}bad.md").parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / f"{folder}bad.md").write_text("---\ntitle: Bad\ndate: 2030-31-12\n---\n\n# Bad\n\nBad.\n")
    (tmp_path / f"{folder}good.md").write_text(
        "---\ntitle: Good\ndate: 2020-01-02\n---\n\n# Good\n\nSee [a page that is not there](https://h.example/nowhere/).\n"
    )
    run = medlint("check", "--format", "json", ".", cwd=tmp_path)
    assert run.code == 1 and "internal error" not in run.err, run.err
    findings = json.loads(run.out)
    bad = [finding for finding in findings if finding["code"] == "ML902"]
    assert len(bad) == 1 and bad[0]["path"].endswith("bad.md") and bad[0]["line"] == 3
    assert "date: 2030-31-12 is no date" in bad[0]["message"]
    assert any(finding["code"] == "ML209" and finding["path"].endswith("good.md") for finding in findings)


def test_hugo_titles_with_punctuation_other_letters_emoji_and_spaces_are_slugged_as_hugo_builds(tmp_path: Path) -> None:
    """``:title`` in a permalink and a file named with the same characters: real Hugo's URLs."""
    (tmp_path / "hugo.toml").write_text(
        'baseURL = "https://h.example/"\ntitle = "H"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        '[permalinks]\n  posts = "/:year/:title/"\n'
    )
    hugo_layouts(tmp_path, "{{ .Title }}")
    for number, title in enumerate(TRICKY_TITLES):
        (tmp_path / "content" / "posts").mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / "posts" / f"{number}.md").write_text(
            f"---\ntitle: {title!r}\ndate: 2024-01-02\n---\n\nA.\n"
        )
        (tmp_path / "content" / "notes").mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / "notes" / f"{title.strip()}.md").write_text(f"---\ntitle: {title!r}\n---\n\nB.\n")
    build_hugo(tmp_path)
    assert _published(tmp_path) == _built_urls(tmp_path / "public")


def test_jekyll_titles_with_punctuation_other_letters_emoji_and_spaces_are_slugged_as_jekyll_builds(
    tmp_path: Path,
) -> None:
    """A post's file name and its ``slug`` with the same characters, under ``:title`` and
    ``:slug``, and categories with them: real Jekyll's URLs."""
    (tmp_path / "_config.yml").write_text("url: https://j.example\npermalink: /:categories/:year/:title/\n")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "notes" / "_posts").mkdir(parents=True)
    for number, title in enumerate(TRICKY_TITLES):
        name = title.strip()
        category = name.replace(":", "")  # one that stops Jekyll's build: the test below
        (tmp_path / "_posts" / f"2024-01-0{number + 1}-{name}.md").write_text(
            f"---\ntitle: {title!r}\ncategories: [{category!r}]\n---\n\nA.\n"
        )
        (tmp_path / "notes" / "_posts" / f"2024-02-0{number + 1}-n{number}.md").write_text(
            f"---\ntitle: {title!r}\nslug: {title!r}\npermalink: /n/:slug/\n---\n\nB.\n"
        )
    build_jekyll(tmp_path)
    assert _published(tmp_path) == _built_urls(tmp_path / "_site")


def test_a_category_that_stops_jekylls_build_is_said_and_given_no_url(tmp_path: Path) -> None:
    """``categories: ["C++ & Rust: (a story)"]`` under ``:categories``: real Jekyll stops
    (Addressable reads ``c++ & rust`` as a scheme); medlint names the file and the value in a
    notice and gives that post no URL, while ``C: d`` (a scheme ``c``) is published as built."""
    jekyll = require_tool("jekyll", "Debian package jekyll")
    (tmp_path / "_config.yml").write_text("url: https://j.example\npermalink: /:categories/:year/:title/\n")
    (tmp_path / "_posts").mkdir()
    post = tmp_path / "_posts" / "2024-01-01-rust.md"
    post.write_text('---\ntitle: Rust\ncategories: ["C++ & Rust: (a story)"]\n---\n\nA.\n')
    done = subprocess.run(
        [jekyll, "build", "--quiet", "--disable-disk-cache"], cwd=tmp_path, capture_output=True, text=True,
        timeout=300, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode != 0 and "InvalidURIError" in done.stderr
    said: list[str] = []
    from medlint.notices import routed_to

    with routed_to(said.append):
        site = open_site(tmp_path, use_cache=False)
        assert site is not None
        pages = {page.file.name: page.url for page in site.entries() if page.file is not None}
    assert pages == {"2024-01-01-rust.md": None}
    assert any(str(post) in line and "c++ & rust: (a story)" in line and "stops" in line for line in said), said
    post.write_text('---\ntitle: Rust\ncategories: ["C: d"]\n---\n\nA.\n')
    build_jekyll(tmp_path)
    assert _published(tmp_path) == _built_urls(tmp_path / "_site")


def test_percent_encoded_links_find_their_pages_and_suggestions_are_percent_encoded(tmp_path: Path) -> None:
    """``my%20post/`` and ``caf%C3%A9/`` (or ``café/`` as written) reach ``my post.md`` and
    ``café.md``; the fix for a relative link writes the URL percent-encoded, never a raw space."""
    (tmp_path / "mkdocs.yml").write_text("site_name: m\nsite_url: https://m.example/\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "my post.md").write_text("# My post\n\nText.\n")
    (tmp_path / "docs" / "café.md").write_text("# Café\n\nText.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.md").write_text(
        "# Draft\n\nSee [my post on things](<../docs/my post.md>), [the café page](https://m.example/caf%C3%A9/), "
        "[my post again](https://m.example/my%20post/), [café as written](https://m.example/café/) "
        "and [a lost page](https://m.example/lost%20page/).\n"
    )
    run = medlint("check", "--format", "json", "--select", "ML205,ML209", "drafts/d.md", cwd=tmp_path)
    findings = json.loads(run.out)
    assert [finding["code"] for finding in findings] == ["ML205", "ML209"]
    assert findings[0]["fix"]["edits"][0]["content"] == "https://m.example/my%20post/"
    assert "lost%20page" in findings[1]["message"] and " " not in findings[0]["message"].split("use ")[1]


# --- Zensical --------------------------------------------------------------------------------


def test_zensical_pages_and_files_are_the_ones_a_real_zensical_build_writes(tmp_path: Path) -> None:
    """A ``zensical.toml`` site with a ``README.md`` folder index, a nested page, pages named with
    punctuation, other letters, an emoji, ``%`` and ``#``, a draft folder and an image: real
    ``zensical build`` (from PyPI) writes the pages and files medlint models."""
    zensical = require_tool("zensical", "pip install -e '.[test]'")
    (tmp_path / "zensical.toml").write_text('[project]\nsite_name = "Z"\nsite_url = "https://z.example/"\n')
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "notes").mkdir()
    (docs / "index.md").write_text("# Home\n\nHome.\n")
    (docs / "guide" / "README.md").write_text("# Guide\n\nThe folder's page.\n")
    (docs / "guide" / "setup.md").write_text("# Setup\n\nSetup.\n")
    for title in TRICKY_TITLES:
        (docs / "notes" / f"{title.strip()}.md").write_text(f"# {title}\n\nBody.\n")
    (docs / "notes" / "pic.png").write_bytes(b"\x89PNG\r\n")
    done = subprocess.run([zensical, "build"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    built = tmp_path / "site"
    site = open_site(tmp_path, use_cache=False)
    assert site is not None and site.generator.name == "zensical"
    assert {page.url for page in site.entries() if page.published} == _built_urls(built) - {"404.html"}
    written = {path.relative_to(built).as_posix() for path in built.rglob("*") if path.is_file()}
    assert set(site.files().values()) <= written and "notes/pic.png" in site.files().values()
