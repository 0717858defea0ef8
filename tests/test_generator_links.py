"""Links written in a generator's own syntax (Hugo's ``ref``, Jekyll's ``post_url``, Zola's ``@/``):
read as links at their exact place, resolved to the page the generator links, and proved against
what ``hugo`` and ``jekyll build`` render for the same links."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import build_hugo, build_jekyll, build_mkdocs, hugo_layouts, medlint

from medlint.document import parse_document
from medlint.document.dialect import COMMONMARK
from medlint.generators import generator_named, open_site
from medlint.site import Reach

HUGO_LINE = 'See [one]({{< ref "posts/first.md" >}}) or [two]({{% relref "second" %}}).'
JEKYLL_LINE = "Read [one]({% post_url 2024-01-02-first %}) and [about]({{ site.baseurl }}/about/)."


@pytest.mark.parametrize(
    ("generator", "line", "expected"),
    [
        ("hugo", HUGO_LINE, [(5, '{{< ref "posts/first.md" >}}', "one"), (44, '{{% relref "second" %}}', "two")]),
        (
            "jekyll",
            JEKYLL_LINE,
            [(6, "{% post_url 2024-01-02-first %}", "one"), (49, "{{ site.baseurl }}/about/", "about")],
        ),
        ("zola", "See [it](@/blog/first.md#intro).", [(5, "@/blog/first.md#intro", "it")]),
    ],
)
def test_a_generators_link_is_a_link_at_its_own_column(
    generator: str, line: str, expected: list[tuple[int, str, str]]
) -> None:
    dialect = generator_named(generator).dialect({})
    doc = parse_document(f"# T\n\n{line}\n", "draft.md", dialect=dialect)
    assert [(link.line, link.column, link.target, link.text) for link in doc.links] == [
        (3, column, target, text) for column, target, text in expected
    ]
    assert parse_document(f"# T\n\n{line}\n", "draft.md", dialect=COMMONMARK).links == [] or generator == "zola"


def _hugo_site(folder: Path) -> None:
    (folder / "hugo.toml").write_text(
        'baseURL = "https://h.example/"\ntitle = "H"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
    )
    hugo_layouts(folder)
    posts = folder / "content" / "posts"
    (posts / "bundle").mkdir(parents=True)
    (posts / "first.md").write_text("---\ntitle: First\n---\n\n## Why it matters\n\nOne.\n")
    (posts / "second.md").write_text("---\ntitle: Second\nslug: the-second\n---\n\nTwo.\n")
    (posts / "bundle" / "index.md").write_text("---\ntitle: Bundle\n---\n\nThree.\n")


HUGO_LINKS = [
    '{{< ref "posts/first.md" >}}',
    '{{< ref "/posts/first" >}}',
    '{{% ref "first.md#why-it-matters" %}}',
    '{{< ref "second" >}}',
    '{{< ref "posts/bundle" >}}',
]


def test_hugo_refs_lead_where_hugo_links_them(tmp_path: Path) -> None:
    _hugo_site(tmp_path)
    body = "\n\n".join(f"[link {number}]({target})" for number, target in enumerate(HUGO_LINKS))
    (tmp_path / "content" / "posts" / "links.md").write_text(f"---\ntitle: Links\n---\n\n{body}\n")
    build_hugo(tmp_path)
    built = re.findall(r'href="([^"]+)"', (tmp_path / "public" / "posts" / "links" / "index.html").read_text())
    site = open_site(tmp_path, use_cache=False)
    assert site is not None
    draft = str(tmp_path / "content" / "posts" / "links.md")
    assert [site.locate(target, draft).url for target in HUGO_LINKS] == built
    assert site.locate('{{< ref "posts/nope.md" >}}', draft).reach is Reach.MISSING


def _jekyll_site(folder: Path) -> None:
    (folder / "_config.yml").write_text("url: https://j.example\nbaseurl: /blog\npermalink: pretty\n")
    (folder / "_posts" / "go").mkdir(parents=True)
    (folder / "_posts" / "2024-01-02-first.md").write_text("---\ntitle: First\n---\n\nOne.\n")
    (folder / "_posts" / "go" / "2024-02-03-second.md").write_text("---\ntitle: Second\n---\n\nTwo.\n")
    (folder / "about.md").write_text("---\ntitle: About\n---\n\nAbout.\n")


JEKYLL_LINKS = [
    "{% post_url 2024-01-02-first %}",
    "{% post_url go/2024-02-03-second %}",
    "{% link about.md %}",
    "{% link _posts/2024-01-02-first.md %}",
    "{{ site.baseurl }}/about/",
    "{{ '/about/' | relative_url }}",
    "{{ '/2024/01/02/first/' | absolute_url }}",
]


def test_jekyll_tags_lead_where_jekyll_links_them(tmp_path: Path) -> None:
    _jekyll_site(tmp_path)
    body = "\n\n".join(f"[link {number}]({target})" for number, target in enumerate(JEKYLL_LINKS))
    (tmp_path / "links.md").write_text(f"---\ntitle: Links\n---\n\n{body}\n")
    build_jekyll(tmp_path)
    built = re.findall(r'href="([^"]+)"', (tmp_path / "_site" / "links" / "index.html").read_text())
    site = open_site(tmp_path, use_cache=False)
    assert site is not None
    draft = str(tmp_path / "drafts" / "post.md")
    # Jekyll writes paths from the host (absolute_url: the whole URL); medlint gives the whole URL
    assert [urljoin("https://j.example/", href) for href in built] == [site.locate(t, draft).url for t in JEKYLL_LINKS]
    assert site.locate("{% post_url 2020-01-01-gone %}", draft).reach is Reach.MISSING


def test_zola_internal_links_follow_its_documented_rules(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('base_url = "https://z.example"\n')
    (tmp_path / "content" / "blog").mkdir(parents=True)
    (tmp_path / "content" / "blog" / "2024-01-02-first.md").write_text("+++\ntitle = 'First'\n+++\n\n## Intro\n")
    site = open_site(tmp_path, use_cache=False)
    assert site is not None and site.generator.name == "zola"
    draft = str(tmp_path / "draft.md")
    found = site.locate("@/blog/2024-01-02-first.md#intro", draft)
    assert (found.reach, found.url) == (Reach.PAGE, "https://z.example/blog/first/#intro")
    assert site.locate("@/blog/gone.md", draft).reach is Reach.MISSING


def test_a_generator_link_is_reported_with_its_published_url_and_fixed_whole(tmp_path: Path) -> None:
    _hugo_site(tmp_path)
    (tmp_path / "draft.md").write_text(f'# Draft\n\n{HUGO_LINE}\n\nAnd [gone]({{{{< ref "nope.md" >}}}}).\n')
    run = medlint("check", "draft.md", "--format", "json", "--select", "ML205,ML209", cwd=tmp_path)
    assert [(f["code"], f["line"], f["column"]) for f in run.findings] == [
        ("ML205", 3, 5),
        ("ML205", 3, 44),
        ("ML209", 5, 5),  # one finding: the generator's own build fails on it
    ]
    assert "use https://h.example/posts/first/" in run.findings[0]["message"]
    diff = medlint("check", "draft.md", "--diff", "--select", "ML205", cwd=tmp_path).out
    assert "+See [one](https://h.example/posts/first/) or [two](https://h.example/posts/the-second/)." in diff


#: relative links as writers type them between posts: to a sibling post, up and down again, to a
#: post's bundle, to a section, to one that does not exist, with a fragment, and with a query (this
#: very page's search box, ``?q=``)
RELATIVE_LINKS = [
    "../second/", "../../posts/second/", "../bundle/", "../", "./", "../missing/", "../second/#top", "?q=word",
    "../bundle/?ref=first#top",
]  # fmt: skip


@pytest.mark.parametrize("generator", ["hugo", "mkdocs"])
def test_relative_links_between_posts_lead_where_the_browser_takes_them_on_the_real_build(
    tmp_path: Path, generator: str
) -> None:
    """A relative link that names no file (``../second/`` in ``posts/first.md``) is left as it is
    by Hugo and by MkDocs, so a reader's browser resolves it against the page's published URL
    (``posts/first/``): medlint says it reaches the page the real build put there, or nothing
    when the build put nothing there; a query asks the same page. It was resolved beside the
    source file (``posts/`` up to the site's root), and said to match nothing the site publishes,
    as was any link with a query."""
    line = "\n\n".join(f"[link {number}]({target})" for number, target in enumerate(RELATIVE_LINKS))
    if generator == "hugo":
        _hugo_site(tmp_path)
        (tmp_path / "content" / "posts" / "_index.md").write_text("---\ntitle: Posts\n---\n\nEvery post.\n")
        source = tmp_path / "content" / "posts" / "first.md"
        source.write_text(source.read_text() + "\n" + line + "\n")
        output = build_hugo(tmp_path)
    else:
        (tmp_path / "mkdocs.yml").write_text("site_name: M\nsite_url: https://m.example/\n")
        posts = tmp_path / "docs" / "posts"
        (posts / "bundle").mkdir(parents=True)
        (tmp_path / "docs" / "index.md").write_text("# Home\n")
        (posts / "index.md").write_text("# Posts\n")
        (posts / "second.md").write_text("# Second\n\nTwo.\n")
        (posts / "bundle" / "index.md").write_text("# Bundle\n")
        source = posts / "first.md"
        source.write_text("# First\n\n" + line + "\n")
        output = build_mkdocs(tmp_path)
    built = {path.relative_to(output).as_posix() for path in output.rglob("index.html")}
    page = (output / "posts" / "first" / "index.html").read_text()
    hrefs = re.findall(r'<a href="([^"]*)">link \d+</a>', page)
    assert hrefs == RELATIVE_LINKS  # neither generator rewrote them
    site = open_site(tmp_path)
    assert site is not None
    base = site.base_url
    for target in RELATIVE_LINKS:
        reached = urljoin(base + "posts/first/", target)
        path = reached.removeprefix(base).partition("#")[0].partition("?")[0]
        location = site.locate(target, str(source))
        if path + "index.html" in built:
            assert (location.reach, location.url) == (Reach.PAGE, reached), target
        else:
            assert location.reach is Reach.MISSING, target
