"""Links and images as the generator publishes them, against what ``hugo``, ``jekyll build`` and
``mkdocs build`` (Material's blog) write: static files, bundle resources and blog post assets at
the URL the build writes, absolute links and images into the site checked, one finding per
problem, drafts named as drafts, fixes that never touch the site's sources, URLs compared as URLs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import build_hugo, build_jekyll, hugo_layouts, medlint

from medlint.config import load_config
from medlint.generators import open_site
from medlint.session import Session

PNG = b"\x89PNG\r\n\x1a\n"


def _written(folder: Path, suffixes: tuple[str, ...] = (".png", ".pdf", ".txt")) -> set[str]:
    """The files a build wrote with these suffixes, as URL paths."""
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.suffix in suffixes}


def test_hugo_static_files_bundle_resources_and_title_slugs_are_where_hugo_writes_them(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(
        'baseURL = "https://h.example/"\ntitle = "H"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        '[permalinks]\n  posts = "/:year/:title/"\n'
    )
    hugo_layouts(tmp_path)
    bundle = tmp_path / "content" / "posts" / "rust"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: Announcing Rust 1.17 & More, Now!\ndate: 2024-01-02\n---\n\nText.\n")
    (bundle / "chart.png").write_bytes(PNG)
    (tmp_path / "content" / "posts" / "_index.md").write_text("---\ntitle: Posts\n---\n")
    (tmp_path / "content" / "posts" / "cover.png").write_bytes(PNG)
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "logo.png").write_bytes(PNG)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "unused.png").write_bytes(PNG)  # Hugo Pipes only: not published
    build_hugo(tmp_path)
    site = open_site(tmp_path, use_cache=False)
    assert site is not None
    assert set(site.files().values()) == _written(tmp_path / "public")
    assert "2024/announcing-rust-1.17-more-now/chart.png" in site.files().values()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(
        "---\ntitle: A draft\n---\n\n# A draft\n\n![The logo](/img/logo.png) ![A chart](../content/posts/rust/chart.png)\n\n"
        "![Gone](https://h.example/img/gone.png) and [home](https://h.example/).\n"
    )
    found = medlint("check", "drafts/post.md", "--format", "json", "--select", "ML206,ML209", cwd=tmp_path).findings
    assert [(f["code"], f["message"].rsplit("; use ", 1)[-1]) for f in found] == [
        ("ML206", "https://h.example/img/logo.png"),
        ("ML206", "https://h.example/2024/announcing-rust-1.17-more-now/chart.png"),
        (
            "ML209",
            "https://h.example/img/gone.png matches nothing the site publishes; the nearest is https://h.example/img/logo.png",
        ),
    ]
    for finding in found[:2]:
        url = finding["fix"]["edits"][0]["content"].removeprefix("https://h.example/")
        assert (tmp_path / "public" / url).is_file()  # every suggested URL is written by the build


def test_jekyll_static_files_are_where_jekyll_copies_them(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("url: https://j.example\nbaseurl: /blog\nexclude: [private]\n")
    for name in ("assets/img/a.png", "files/report.pdf", "private/secret.png", "_layouts/x.png", ".hidden/h.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(PNG)
    (tmp_path / "notes.txt").write_text("plain\n")
    (tmp_path / "index.md").write_text("---\ntitle: Home\n---\nHome.\n")
    build_jekyll(tmp_path)
    site = open_site(tmp_path, use_cache=False)
    assert site is not None
    assert set(site.files().values()) == _written(tmp_path / "_site")


BLOG = """site_name: Blog
site_url: https://example.com/
theme:
  name: material
plugins:
  - blog
"""


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install -e '.[test]')")
    posts = tmp_path / "docs" / "blog" / "posts"
    (posts / "img").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(BLOG)
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nHome.\n")
    (posts / "img" / "slice-1.png").write_bytes(PNG)
    (posts / "slices.md").write_text(
        "---\ndate: 2024-02-20\ncategories: [Go]\n---\n\n# Slices\n\n![A slice](img/slice-1.png)\n"
    )
    (posts / "draft.md").write_text(
        "---\ndate: 2024-03-01\ndraft: true\n---\n\n# Coming soon\n\nSee [slices](slices.md) and ![A slice](img/slice-1.png).\n"
    )
    return tmp_path


def test_a_blog_posts_asset_is_where_material_writes_it(blog: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as load_mkdocs_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    build(load_mkdocs_config(str(blog / "mkdocs.yml"), site_dir=str(blog / "site")))
    site = open_site(blog, use_cache=False)
    assert site is not None
    assert set(site.files().values()) == _written(blog / "site", (".png",)) - {
        path for path in _written(blog / "site", (".png",)) if path.startswith("assets/")
    }
    assert (
        site.file_url(blog / "docs" / "blog" / "posts" / "img" / "slice-1.png")
        == "https://example.com/blog/img/slice-1.png"
    )


def test_links_to_drafts_generated_pages_and_guessed_urls(blog: Path) -> None:
    (blog / "drafts").mkdir()
    (blog / "drafts" / "links.md").write_text(
        "---\ntitle: Links\n---\n\n# Links\n\nRead [the draft](../docs/blog/posts/draft.md), "
        "[its address](https://example.com/blog/2024/03/01/coming-soon/), [the Go posts](/blog/category/go/) "
        "and [a guess](https://example.com/blog/2024/02/20/slice/).\n"
    )
    found = medlint("check", "drafts/links.md", "--format", "json", "--select", "ML205,ML209", cwd=blog).findings
    messages = [(f["code"], f["message"]) for f in found]
    assert messages[0][0] == "ML205" and "it leads to a draft (docs/blog/posts/draft.md)" in messages[0][1]
    assert messages[1] == (
        "ML209",
        "https://example.com/blog/2024/03/01/coming-soon/ is the address of a draft (docs/blog/posts/draft.md) "
        "that the site does not publish yet",
    )
    assert messages[2] == (
        "ML205",
        "Relative link /blog/category/go/ breaks on Medium; use https://example.com/blog/category/go/",
    )
    assert found[2]["fix"]["edits"][0]["content"] == "https://example.com/blog/category/go/"
    assert messages[3] == (
        "ML209",
        "https://example.com/blog/2024/02/20/slice/ matches nothing the site publishes; "
        "the nearest is https://example.com/blog/2024/02/20/slices/",
    )


def test_fix_leaves_the_sites_own_drafts_as_they_are_and_says_so(blog: Path) -> None:
    draft = blog / "docs" / "blog" / "posts" / "draft.md"
    before = draft.read_bytes()
    run = medlint("check", "--fix", "--select", "ML205,ML206", cwd=blog)
    assert draft.read_bytes() == before
    assert (
        "left 1 file of the site as it is (docs/blog/posts/draft.md): relative links are right on the site" in run.err
    )
    page, _ = Session.open(load_config(blog), use_cache=False).preview(draft)
    assert 'src="https://example.com/blog/img/slice-1.png"' in page  # the story Medium gets has the URL


def test_urls_are_compared_as_urls(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://blog.example/\n")
    (tmp_path / "docs").mkdir()
    text = " ".join(f"Sentence {n} about the leadership council and its update number {n}." for n in range(40))
    (tmp_path / "docs" / "council-update@11.md").write_text("# Council update\n\n" + text + "\n")
    (tmp_path / "post.md").write_text(
        "---\ntitle: Council update\ncanonical_url: https://BLOG.example:443/council-update%4011/\n---\n\n"
        + text
        + "\n"
    )
    assert medlint("check", "post.md", "--format", "json", "--select", "ML3", cwd=tmp_path).findings == []


def test_zola_static_and_colocated_files_follow_its_documented_rules(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('base_url = "https://z.example"\n')
    for name in ("static/img/logo.png", "content/blog/hello/index.md", "content/blog/hello/pic.png",
                 "content/blog/_index.md", "content/blog/banner.png", "content/blog/loose/stray.png"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"+++\ntitle = 'x'\n+++\n" if name.endswith(".md") else PNG)
    site = open_site(tmp_path, use_cache=False)
    assert site is not None and site.generator.name == "zola"
    assert sorted(site.files().values()) == ["blog/banner.png", "blog/hello/pic.png", "img/logo.png"]
