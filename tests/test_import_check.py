"""``medlint import-check`` and the plugin's Import checks, on pages built by the real generators:
plain MkDocs, Material for MkDocs with its blog, Hugo and Jekyll with their usual SEO templates
present and absent, and Eleventy from npm. Each build gets the findings its pages deserve and no
others; the tags the plugin writes are read back from the built HTML."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NodeGenerator, build_hugo, build_jekyll, medlint, run_node_build

from medlint.built_page import MAX_OPEN_SEARCH, parse_built_page

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _findings(folder: Path, *args: str) -> list[tuple[str, str]]:
    """(built file, code) of every finding of ``import-check`` run in ``folder``."""
    run = medlint("import-check", "--format", "json", *args, cwd=folder)
    assert run.code in (0, 1), run.err
    return sorted((finding["path"], finding["code"]) for finding in json.loads(run.out))


def _mkdocs_build(folder: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags], cwd=folder, capture_output=True, text=True, env=env
    )


# --- the reader ----------------------------------------------------------------------------------


def test_the_reader_keeps_elements_their_parents_and_ends() -> None:
    page = parse_built_page(
        '<!doctype html><html><head><meta property="og:title" content="A &amp; B">'
        "<script>if (a<b) { x = '<article>' }</script></head>"
        "<body><!-- <article> --><main><article><p>one<p>two<ul><li>a<li>b</ul></article></main>",
        "page.html",
    )
    tags = [element.tag for element in page.elements]
    assert tags == ["html", "head", "meta", "script", "body", "main", "article", "p", "p", "ul", "li", "li"]
    assert page.meta("og:title") == ("A & B", 2)
    article = page.elements[6]
    assert [page.elements[index].tag for index in page.inside(6)] == ["p", "p", "ul", "li", "li"]
    assert page.elements[9].parent == 6  # <ul> closes the open <p>, as in a browser
    assert page.elements[10].parent == page.elements[11].parent == 9
    assert article.end == page.text.index("</main>")  # closed by its parent's end tag


def test_an_unclosed_tag_ends_the_page_and_an_end_tag_looks_only_so_far_up() -> None:
    page = parse_built_page('<main><p title="never closed>text', "x.html")
    assert [element.tag for element in page.elements] == ["main"]
    deep = "<section>" + "<div>" * (MAX_OPEN_SEARCH + 5) + "</section><article>"
    page = parse_built_page(deep, "x.html")
    assert page.elements[0].end == len(deep)  # too far up to be closed
    assert page.elements[-1].tag == "article" and page.elements[-1].parent == MAX_OPEN_SEARCH + 5


# --- plain MkDocs ----------------------------------------------------------------------------------


def test_a_default_mkdocs_build_gets_ml601_on_every_page_and_nothing_else(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: Plain\nsite_url: https://plain.example.com/docs/\n",
            "docs/index.md": "# Home\n\nWelcome.\n",
            "docs/guide.md": "# Guide\n\nSome text.\n\n## Install\n\nDo it.\n",
        },
    )
    assert _mkdocs_build(tmp_path).returncode == 0
    # MkDocs' theme writes the canonical link and a role="main" element; no Open Graph tag
    assert _findings(tmp_path) == [("site/guide/index.html", "ML601"), ("site/index.html", "ML601")]
    # the pages of the drafts named only; the exit code and formats are check's
    assert _findings(tmp_path, "docs/guide.md") == [("site/guide/index.html", "ML601")]
    run = medlint("import-check", cwd=tmp_path)
    assert run.code == 0 and "site/index.html:" in run.out and "og:title" in run.out
    assert "open_graph: true" in run.out  # the generator's own way to fix it
    assert medlint("import-check", "nowhere/", cwd=tmp_path).code == 2


# --- Material for MkDocs, its blog, and the plugin --------------------------------------------------

MATERIAL = """\
site_name: Test blog
site_url: https://blog.example.com/
theme:
  name: material
plugins:
  - blog
  - medlint:
      open_graph: {open_graph}
markdown_extensions:
  - toc:
      permalink: {permalink}
  - pymdownx.highlight:
      linenums: {linenums}
  - pymdownx.superfences
"""
POST = """\
---
date: 2024-01-02
description: A first post about things.
tags: [python]
image: images/cover.png
---
# First post

Some text here.

## A section

```python
print("hi")
```

![A one-pixel cover](../../images/cover.png)
"""


def _material_blog(folder: Path, open_graph: bool, chrome: bool) -> None:
    flags = {"open_graph": str(open_graph).lower(), "permalink": str(chrome).lower(), "linenums": str(chrome).lower()}
    _write(
        folder,
        {
            "mkdocs.yml": MATERIAL.format(**flags),
            "docs/index.md": "# Home\n",
            "docs/blog/index.md": "# Blog\n",
            "docs/blog/posts/first.md": POST,
            "docs/images/cover.png": PIXEL,
        },
    )


def test_a_material_blog_post_with_the_plugins_tags_is_clean(tmp_path: Path) -> None:
    _material_blog(tmp_path, open_graph=True, chrome=False)
    built = _mkdocs_build(tmp_path, "--strict")
    # the image the front matter names is relative to the page's URL, where nothing is published
    assert built.returncode == 1 and "first-post/images/cover.png is not in the build" in built.stderr
    page = (tmp_path / "site/blog/2024/01/02/first-post/index.html").read_text()
    parsed = parse_built_page(page, "x")
    url = "https://blog.example.com/blog/2024/01/02/first-post/"
    assert parsed.meta("og:title")[0] == "First post"  # type: ignore[index]
    assert parsed.meta("og:description")[0] == "A first post about things."  # type: ignore[index]
    assert parsed.meta("og:url")[0] == url  # type: ignore[index]
    assert parsed.meta("og:image")[0] == "https://blog.example.com/blog/2024/01/02/first-post/images/cover.png"  # type: ignore[index]
    assert [href for href, _ in parsed.links("canonical")] == [url]  # Material's own, not written twice
    assert _findings(tmp_path) == [("site/blog/2024/01/02/first-post/index.html", "ML601")]
    (tmp_path / "docs/blog/posts/first.md").write_text(
        POST.replace("image: images/cover.png", "image: /images/cover.png")
    )
    built = _mkdocs_build(tmp_path, "--strict")
    assert built.returncode == 0, built.stderr
    parsed = parse_built_page((tmp_path / "site/blog/2024/01/02/first-post/index.html").read_text(), "x")
    assert parsed.meta("og:image")[0] == "https://blog.example.com/images/cover.png"  # type: ignore[index]
    assert _findings(tmp_path) == []  # the post is all Import needs; the blog's index is no post


def test_the_plugin_warns_of_chrome_in_a_post_and_strict_fails(tmp_path: Path) -> None:
    _material_blog(tmp_path, open_graph=False, chrome=True)
    built = _mkdocs_build(tmp_path, "--strict")
    assert built.returncode != 0
    warnings = [line for line in built.stderr.splitlines() if line.startswith("WARNING") and "ML6" in line]
    codes = sorted(line.split(" ML")[1][:3] for line in warnings)
    assert codes == ["601", "603", "604"], built.stderr
    assert any("2 heading permalinks inside the article" in line for line in warnings)
    assert any("Code in a table (line numbers)" in line for line in warnings)
    # the same findings from the command line, on the same built page
    post = "site/blog/2024/01/02/first-post/index.html"
    assert _findings(tmp_path) == [(post, "ML601"), (post, "ML603"), (post, "ML604")]
    # the post's own front matter turns one off, as in check
    text = (tmp_path / "docs/blog/posts/first.md").read_text()
    (tmp_path / "docs/blog/posts/first.md").write_text(text.replace("tags:", "medlint: {ignore: [ML604]}\ntags:"))
    assert _findings(tmp_path) == [(post, "ML601"), (post, "ML603")]
    # and a file-wide directive in its Markdown, as in check (line directives name Markdown lines)
    (tmp_path / "docs/blog/posts/first.md").write_text(text + "\n<!-- medlint-disable-file ML603 -->\n")
    assert _findings(tmp_path) == [(post, "ML601"), (post, "ML604")]


# --- Hugo ----------------------------------------------------------------------------------------

HUGO_HEAD = {
    True: '{{ template "_internal/opengraph.html" . }}<link rel="canonical" href="{{ .Permalink }}">',
    False: "",
}


@pytest.mark.parametrize("seo", [True, False], ids=["opengraph-template", "bare"])
def test_hugo_with_and_without_its_opengraph_template(tmp_path: Path, seo: bool) -> None:
    layout = (
        "<!doctype html><html><head><title>{{ .Title }}</title>" + HUGO_HEAD[seo] + "</head>"
        "<body><nav><a href='/'>Home</a></nav><article>{{ .Content }}</article></body></html>"
    )
    _write(
        tmp_path,
        {
            "hugo.toml": 'baseURL = "https://h.example/"\ntitle = "H"\n',
            "layouts/_default/single.html": layout,
            "layouts/_default/list.html": layout,
            "content/posts/hello.md": (
                '---\ntitle: Hello\ndate: 2024-02-03\ndescription: "A post."\nimages: ["/img/cover.png"]\n---\n\n'
                "Some words.\n\n![A cover](/img/cover.png)\n"
            ),
            "content/about.md": "---\ntitle: About\n---\n\nAbout me.\n",
            "static/img/cover.png": PIXEL,
        },
    )
    build_hugo(tmp_path)
    found = _findings(tmp_path)
    # the dated page is the post; the undated one and the lists are not checked
    expected = [] if seo else [("public/posts/hello/index.html", "ML601"), ("public/posts/hello/index.html", "ML602")]
    assert found == expected
    if not seo:
        run = medlint("import-check", cwd=tmp_path)
        assert "_internal/opengraph.html" in run.out


# --- Jekyll --------------------------------------------------------------------------------------


@pytest.mark.parametrize("seo", [True, False], ids=["jekyll-seo-tag", "bare"])
def test_jekyll_with_and_without_jekyll_seo_tag(tmp_path: Path, seo: bool) -> None:
    head = "{% seo %}" if seo else "<title>{{ page.title }}</title>"
    _write(
        tmp_path,
        {
            "_config.yml": "url: https://j.example\ntitle: J\n" + ("plugins: [jekyll-seo-tag]\n" if seo else ""),
            "_layouts/post.html": f"<!doctype html><html><head>{head}</head><body><article>{{{{ content }}}}</article></body></html>",
            "_posts/2024-03-04-hello.md": (
                "---\nlayout: post\ntitle: Hello\ndescription: A post.\nimage: /img/cover.png\n---\n\n"
                "Some words.\n\n![A cover](/img/cover.png)\n"
            ),
            "img/cover.png": PIXEL,
        },
    )
    build_jekyll(tmp_path)
    post = "_site/2024/03/04/hello.html"
    assert _findings(tmp_path) == ([] if seo else [(post, "ML601"), (post, "ML602")])


# --- Eleventy (npm) ------------------------------------------------------------------------------

ELEVENTY = NodeGenerator("eleventy", "@11ty/eleventy", ("@11ty/eleventy/cmd.cjs", "--quiet"), "_site")


def test_eleventy_with_a_lazy_image_and_an_iframe(tmp_path: Path) -> None:
    layout = (
        "<!doctype html><html><head>"
        '<meta property="og:title" content="{{ title }}"><meta property="og:description" content="{{ description }}">'
        '<meta property="og:url" content="https://e.example{{ page.url }}">'
        '<meta property="og:image" content="https://e.example/img/cover.png">'
        '<link rel="canonical" href="https://e.example{{ page.url }}">'
        "</head><body><main>{{ content | safe }}</main></body></html>"
    )
    _write(
        tmp_path,
        {
            "package.json": '{"name": "e", "private": true, "dependencies": {"@11ty/eleventy": "^3"}}',
            "eleventy.config.js": 'module.exports = (c) => { c.addPassthroughCopy("img"); };\n',
            "_includes/post.njk": layout,
            "posts/hello.md": (
                "---\nlayout: post.njk\ntitle: Hello\ndescription: A post.\ndate: 2024-04-05\n---\n\n"
                'Words.\n\n<img data-src="/img/cover.png" src="/img/blank.gif" alt="A cover">\n\n'
                '<iframe src="https://maps.example.net/embed"></iframe>\n'
            ),
            "img/cover.png": PIXEL,
        },
    )
    run_node_build(ELEVENTY, tmp_path)
    post = "_site/posts/hello/index.html"
    findings = medlint("import-check", "--format", "json", cwd=tmp_path)
    messages = sorted((item["code"], item["message"].split(":")[0]) for item in json.loads(findings.out))
    assert [path for path, _ in _findings(tmp_path)] == [post, post]
    assert messages == [
        ("ML604", "An embed from maps.example.net that Medium does not keep"),
        ("ML604", "An image loaded by a script (data-src)"),
    ]


def test_a_page_that_is_no_html_file_is_a_finding_and_the_run_goes_on(tmp_path: Path) -> None:
    _write(tmp_path, {"site/a.html": "<html><head></head><body><article>x</article></body></html>"})
    (tmp_path / "site" / "b.html").mkdir()  # a folder with an HTML name: walked, never read as a page
    os.mkfifo(tmp_path / "site" / "c.html")
    run = medlint("import-check", "site", "--format", "json", cwd=tmp_path)
    codes = sorted((Path(item["path"]).name, item["code"]) for item in json.loads(run.out))
    assert ("c.html", "ML901") in codes and ("a.html", "ML601") in codes


def test_the_preview_shows_the_import_verdict_beside_the_story(tmp_path: Path) -> None:
    _material_blog(tmp_path, open_graph=False, chrome=True)
    _write(tmp_path, {"docs/blog/posts/later.md": "---\ndate: 2024-05-06\ndraft: true\n---\n# Later\n\nSoon.\n"})
    assert _mkdocs_build(tmp_path).returncode == 0
    built = medlint("preview", "docs/blog/posts/first.md", "-o", "first.html", cwd=tmp_path)
    page = (tmp_path / "first.html").read_text()
    assert built.code == 0 and "Paste or Import" in page
    assert "not ready, 3 findings on the built page <code>site/blog/2024/01/02/first-post/index.html</code>" in page
    assert page.count('data-code="ML60') == 3
    medlint("preview", "docs/blog/posts/later.md", "-o", "later.html", cwd=tmp_path)
    assert "has no page built from this draft" in (tmp_path / "later.html").read_text()


HEAD = (
    '<head><meta property="og:title" content="T"><meta property="og:description" content="D">'
    '<meta property="og:url" content="https://a.example/p/"><meta property="og:image" content="https://cdn.example/i.png">'
    '<link rel="canonical" href="https://a.example/p/"></head>'
)
PAGES = {
    "clean": (HEAD + "<body><nav>menu</nav><article><h1 id='t'>T</h1><p>x <img src='a.png' alt='a'></p></article>", []),
    "listing": (HEAD + "<body><article>a</article><article>b</article>", ["ML603 2 <article> elements side by side"]),
    "another url": (
        HEAD.replace('og:url" content="https://a.example/p/', 'og:url" content="https://a.example/q/').replace(
            'href="https://a.example/p/"', 'href="/p/"'
        )
        + "<article>x</article>",
        [
            "ML601 og:url 'https://a.example/q/' is not the page's published URL",
            "ML602 Canonical link '/p/' is not an absolute URL",
        ],
    ),
    "chrome": (
        HEAD + "<article><a class='md-content__button' href='https://github.com/o/r/edit/main/docs/p.md'>Edit</a>"
        "<nav class='toc'><a href='#a'>A</a></nav><button>Copy</button><div id='disqus_thread'></div></article>",
        [
            "ML603 button inside the article",
            "ML603 comment widget inside the article",
            "ML603 edit link inside the article",
            "ML603 navigation inside the article",
        ],
    ),
    "media": (
        HEAD
        + "<article><table><tr><td><img src='a.png' alt='a'></td></tr></table><img src='data:image/png;base64,AA' alt='b'>"
        "<img srcset='a.png 2x' alt='c'><img src='d.svg' alt='d'><svg></svg><div><code>a\nb</code></div>"
        "<script src='https://gist.github.com/u/1.js'></script><iframe src='https://www.youtube.com/embed/x'></iframe></article>",
        [
            "ML604 A SVG image, which Medium does not take (it takes JPEG, PNG and GIF)",
            "ML604 A <svg> element, which Import drops",
            "ML604 A code block outside <pre>",
            "ML604 A gist embedded by a script",
            "ML604 An image in a table cell (a caption layout)",
            "ML604 An image inline as a data",
            "ML604 An image with srcset only",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_import_rule_on_pages_written_for_it(name: str, tmp_path: Path) -> None:
    text, expected = PAGES[name]
    _write(tmp_path, {"site/p/index.html": "<!doctype html><html>" + text + "</html>", ".medlint.yml": "{}\n"})
    run = medlint("import-check", "site", "--site-url", "https://a.example/", "--format", "json", cwd=tmp_path)
    found = sorted(f"{item['code']} {item['message']}" for item in json.loads(run.out))
    assert len(found) == len(expected), found
    assert all(message.startswith(prefix) for message, prefix in zip(found, sorted(expected), strict=True)), found


@pytest.mark.parametrize("name", ["hugo/rzaluska--hugo-blog-source", "jekyll/farisfebrianto--farisfebrianto.github.io"])
def test_on_a_real_sites_build_each_claim_agrees_with_what_its_build_publishes(name: str, tmp_path: Path) -> None:
    """A real public site (``../shared/corpus/sites``), built by its real generator: every built
    page checked is a page its build publishes, every og:image said to be missing is missing
    from its build's file list, and a theme's share widget is chrome (ML603), not media."""
    from conftest import require_tool, shared_or_skip
    from test_real_sites import BUILDS, TOOLS, _run_all, _writable_copy

    folder = shared_or_skip("corpus", "sites", name)
    generator = folder.parent.name
    require_tool(*TOOLS[generator])
    copy = _writable_copy(folder, tmp_path)
    _run_all(BUILDS[generator], copy)
    run = medlint("import-check", "OUT", "--format", "json", cwd=copy)
    assert run.code in (0, 1), run.err
    findings = json.loads(run.out)
    published = set((folder / "built" / "urls.txt").read_text().split())
    files = set((folder / "built" / "files.txt").read_text().split())
    pages = {"/" + Path(item["path"]).relative_to("OUT").as_posix().removesuffix("index.html") for item in findings}
    assert findings and pages <= published
    missing = [
        re.search(r"\((\S+) is missing\)", item["message"])
        for item in findings
        if "is not in the build" in item["message"]
    ]
    assert missing and all(found and "/" + found.group(1) not in files for found in missing)
    assert {item["code"] for item in findings} == {"ML601", "ML603"}
    if generator == "hugo":
        assert all("share buttons" in item["message"] for item in findings if item["code"] == "ML603")
