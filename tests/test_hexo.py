"""Hexo sites against real Hexo (from the npm registry; ``.ci/run`` installs it into
``$MEDLINT_TEST_NODE``, default ``~/.cache/medlint-tests/node``): every page the build writes is a
published URL of medlint's model (the build's page list is kept per site digest, as
``conftest.built_pages`` says), and the CLI judges links, relative links and cross-posts by them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import PROSE, NodeGenerator, built_output, built_pages, medlint

from medlint.generators import detect, open_site

HEXO = NodeGenerator("hexo", "hexo", ("hexo/bin/hexo", "generate", "--silent"), "public")
SOURCES = {
    "_posts/hello-world.md": "---\ntitle: Hello World\ndate: 2024-01-02\ncategories: [Go Tips, Deep Dive]\n"
    "tags: [Alpha One]\n---\n\n" + PROSE + "\n",
    "_posts/deep/second.md": "---\ntitle: Second\ndate: 2024-03-04 10:00:00\ncategories: Tools\n---\n\nTwo.\n",
    "_posts/mine.md": "---\ntitle: Mine\ndate: 2023-05-06\npermalink: custom/place/\n---\n\nMine.\n",
    "_posts/hidden.md": "---\ntitle: Hidden\ndate: 2023-05-07\npublished: false\n---\n\nNo.\n",
    "_drafts/idea.md": "---\ntitle: Idea\n---\n\nAn idea.\n",
    "about/index.md": "---\ntitle: About\n---\n\nAbout.\n",
    "contact.md": "---\ntitle: Contact\n---\n\nContact.\n",
    "_partial/skip.md": "Not rendered.\n",
}
PACKAGE = (
    '{"name": "site", "private": true, "hexo": {"version": "7.3.0"}, "dependencies": {"hexo": "^7.3.0", '
    '"hexo-renderer-marked": "*", "hexo-generator-index": "*", "hexo-generator-archive": "*", '
    '"hexo-generator-category": "*", "hexo-generator-tag": "*"}}'
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "_config.yml").write_text(
        "title: H\nurl: https://hx.example/blog\nroot: /blog/\npermalink: :year/:month/:title/\ntheme: none\n"
    )
    (tmp_path / "package.json").write_text(PACKAGE)
    (tmp_path / "scaffolds").mkdir()
    for name, text in SOURCES.items():
        (tmp_path / "source" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "source" / name).write_text(text)
    return tmp_path


def test_a_hexo_site_is_told_from_a_jekyll_one(site: Path) -> None:
    assert detect(site)[0].name == "hexo"
    (site / "package.json").unlink()
    shutil.rmtree(site / "scaffolds")
    shutil.rmtree(site / "source")
    (site / "_posts").mkdir()
    assert detect(site)[0].name == "jekyll"


def test_hexo_urls_are_the_ones_hexo_builds(site: Path) -> None:
    built = built_pages(HEXO, site)
    model = open_site(site, use_cache=False)
    assert model is not None and model.site_url == "https://hx.example/blog/"
    assert {page.url for page in model.entries() if page.published} == built
    held = {str(path.relative_to(site / "source")) for path in model.drafts()}
    assert held == {"_posts/hidden.md", "_drafts/idea.md"}


def test_the_cli_judges_a_hexo_drafts_links_by_the_published_urls(site: Path) -> None:
    (site / "drafts").mkdir()
    (site / "drafts" / "links.md").write_text(
        "---\ntitle: Links\n---\n\n# Links\n\nRead [the first post](https://hx.example/blog/2024/01/hello-world/), "
        "[its category](https://hx.example/blog/categories/Go-Tips/), [a missing one](https://hx.example/blog/2024/01/nope/) "
        "and [the second](../source/_posts/deep/second.md).\n"
    )
    found = medlint("check", "drafts/links.md", "--format", "json", "--select", "ML205,ML209", cwd=site).findings
    assert [(f["code"], f["message"]) for f in found] == [
        ("ML209", "https://hx.example/blog/2024/01/nope/ matches nothing the site publishes"),
        (
            "ML205",
            "Relative link ../source/_posts/deep/second.md breaks on Medium; use https://hx.example/blog/2024/03/deep/second/",
        ),
    ]
    crosspost = "---\ntitle: Hello World\ncanonical_url: https://hx.example/blog/2024/01/hello-world/\n---\n\n" + PROSE
    (site / "drafts" / "copy.md").write_text(crosspost + "\n")
    assert medlint("check", "drafts/copy.md", "--format", "json", "--select", "ML3", cwd=site).findings == []
    (site / "drafts" / "copy.md").write_text("---\ntitle: A copy\n---\n\n" + PROSE + "\n")
    [duplicate] = medlint("check", "drafts/copy.md", "--format", "json", "--select", "ML301", cwd=site).findings
    assert "canonical_url: https://hx.example/blog/2024/01/hello-world/" in duplicate["message"]


LISTED_SOURCES = {
    **{
        f"_posts/post-{number}.md": f"---\ntitle: Post {number}\ndate: 2024-0{1 + number % 2}-1{number}\n"
        f"categories: Life\ntags: {'Life' if number % 2 else '[Life, Go]'}\n---\n\nPost {number}.\n"
        for number in range(5)
    },
    "_posts/post-0/pic.png": "not really a picture",
    "_posts/post-0/deeper/chart.svg": "<svg/>",
    "css/site.styl": "body\n  color red\n",
}


def test_hexo_paginates_lists_tags_given_as_one_string_and_publishes_asset_folders(tmp_path: Path) -> None:
    """Pages after the first of every listing (per_page 2; the archive's own 3), a post's folder
    beside the post, and a Stylus file as CSS, each where real Hexo writes them."""
    (tmp_path / "_config.yml").write_text(
        "title: H\nurl: https://hx.example\npermalink: :year/:title/\ntheme: none\nper_page: 2\n"
        "post_asset_folder: true\narchive_generator:\n  per_page: 3\n  daily: true\n"
    )
    package = PACKAGE.replace('"*"}}', '"*", "hexo-renderer-stylus": "*"}}')
    (tmp_path / "package.json").write_text(package)
    for name, text in LISTED_SOURCES.items():
        (tmp_path / "source" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "source" / name).write_text(text)
    pages, files = built_output(HEXO, tmp_path)
    model = open_site(tmp_path, use_cache=False)
    assert model is not None
    assert {page.url for page in model.entries() if page.published} == pages
    assert {"page/3/", "tags/Life/page/3/", "tags/Go/page/2/", "archives/page/2/"} <= pages
    assert set(model.files().values()) == files
    assert {"2024/post-0/pic.png", "2024/post-0/deeper/chart.svg", "css/site.css"} <= set(model.files().values())


def test_hexo_titles_with_punctuation_other_letters_and_emoji_are_published_and_linked_as_built(tmp_path: Path) -> None:
    """Post files named with punctuation, other letters and emoji are published at their names
    (``café au lait/``), except that Hexo's router drops a ``?`` and what follows as a query:
    ``why?.md`` at ``:title/`` is written as the file ``2024/why``. The model equals real Hexo's
    build; a link as Hexo writes it (``why?/``) or percent-encoded (``caf%C3%A9...``) reaches its
    post, and ``why%3F/``, which the build does not have, is ML209."""
    (tmp_path / "_config.yml").write_text("title: H\nurl: https://hx.example\npermalink: :year/:title/\ntheme: none\n")
    (tmp_path / "package.json").write_text(PACKAGE)
    names = ["why?", "café au lait", "rocket 🚀", "it's #1, (really)"]
    for name in names:
        (tmp_path / "source" / "_posts").mkdir(parents=True, exist_ok=True)
        (tmp_path / "source" / "_posts" / f"{name}.md").write_text(
            f"---\ntitle: {name!r}\ndate: 2024-01-02\n---\n\nPost.\n"
        )
    pages, files = built_output(HEXO, tmp_path)
    model = open_site(tmp_path, use_cache=False)
    assert model is not None
    assert {page.url for page in model.entries() if page.published} == pages | {"2024/why"}
    assert "2024/why" in files and {f"2024/{name}/" for name in names[1:]} <= pages
    from urllib.parse import quote

    links = [*(f"https://hx.example/2024/{quote(name)}/" for name in names[1:]), "https://hx.example/2024/why?/"]
    listed = "\n".join(f"- [the post number {number}]({link})" for number, link in enumerate(links))
    draft = tmp_path / "draft.md"
    draft.write_text(f"# Draft\n\n{listed}\n- [a lost post](https://hx.example/2024/why%3F/)\n")
    run = medlint("check", "--format", "json", "--select", "ML209,ML205", str(draft), cwd=tmp_path)
    findings = json.loads(run.out)
    assert [(finding["code"], finding["line"]) for finding in findings] == [("ML209", 3 + len(links))], findings
