"""Astro, Eleventy and Docusaurus sites, read from their files, against the real generators from
the npm registry (each pinned by its own lock file in ``tests/node/<generator>/``, installed by
``.ci/run`` with ``npm ci``; the build tests skip without them, and fail under ``CI=true``). Each site has posts, a draft, a custom slug and a base path that is not ``/``:
medlint's published URLs must be the pages the build writes, and the CLI must judge a draft's
links, relative links, duplicates and cross-posts by them."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import PROSE, TRICKY_TITLES, NodeGenerator, built_output, built_pages, medlint

from medlint.generators import detect, open_site

MDX_BODY = (
    "import Note from './note.js';\n\n# A component post\n\nSome prose before the component.\n\n"
    '<Note kind="tip" data={{ link: "https://example.com/click-here" }}>\n'
    "[click here](https://example.com/in-jsx) and https://example.com/bare\n</Note>\n\n"
    "{/* a comment with https://example.com/commented */}\n\nThe end.\n"
)

ASTRO = NodeGenerator("astro", "astro", ("astro/astro.js", "build"), "dist")
ASTRO_SITE = {
    "package.json": '{"name": "a", "private": true, "type": "module", "dependencies": {"astro": "^5"}}',
    "astro.config.mjs": (
        'import { defineConfig } from "astro/config";\nimport mdx from "@astrojs/mdx";\n'
        "// base: '/not-this'\n"
        'export default defineConfig({\n  site: "https://as.example",\n  base: "/base",\n  integrations: [mdx()],\n});\n'
    ),
    "src/content.config.ts": (
        'import { defineCollection } from "astro:content";\nimport { glob } from "astro/loaders";\n'
        'const blog = defineCollection({ loader: glob({ pattern: "**/*.{md,mdx}", base: "./src/content/blog" }) });\n'
        'const notes = defineCollection({ loader: glob({ pattern: "*.md", base: "./src/content/notes" }) });\n'
        "export const collections = { blog, notes };\n"
    ),
    "src/pages/blog/[...slug].astro": (
        '---\nimport { getCollection, render } from "astro:content";\nexport async function getStaticPaths() {\n'
        '  const posts = await getCollection("blog", ({ data }) => data.draft !== true);\n'
        "  return posts.map((post) => ({ params: { slug: post.id }, props: post }));\n}\n"
        "const { Content } = await render(Astro.props);\n---\n<Content />\n"
    ),
    "src/pages/notes/[id].astro": (
        '---\nimport { getCollection, render } from "astro:content";\nexport async function getStaticPaths() {\n'
        '  const notes = await getCollection("notes");\n'
        "  return notes.map((note) => ({ params: { id: note.id }, props: note }));\n}\n"
        "const { Content } = await render(Astro.props);\n---\n<Content />\n"
    ),
    "src/pages/index.astro": "---\n---\n<h1>Home</h1>\n",
    "src/pages/about.md": "---\ntitle: About\n---\n\nAbout.\n",
    "src/pages/404.astro": "<h1>Gone</h1>\n",
    "src/pages/_hidden.md": "Not a route.\n",
    "src/pages/feed.xml.js": 'export function GET() {\n  return new Response("<rss/>");\n}\n',
    "src/content/blog/Hello World.md": "---\ntitle: Hello World\n---\n\n" + PROSE + "\n",
    "src/content/blog/nested/Deep_Post.md": "---\ntitle: Deep\n---\n\nDeep.\n",
    "src/content/blog/own.md": "---\ntitle: Own\nslug: my-own/place\n---\n\nOwn.\n",
    "src/content/blog/idea.md": "---\ntitle: Idea\ndraft: true\n---\n\nAn idea.\n",
    "src/components/Note.astro": "<aside><slot /></aside>\n",
    "src/content/blog/component.mdx": "---\ntitle: Component\n---\n\n"
    + MDX_BODY.replace("./note.js", "../../components/Note.astro"),
    "src/content/notes/first.md": "---\ntitle: First\n---\n\nFirst note.\n",
    "src/content/notes/deeper/skipped.md": "---\ntitle: Skipped\n---\n\nNot matched by *.md.\n",
}

ASTRO_OLDER_SITE = {
    "package.json": '{"name": "a", "private": true, "type": "module"}',
    "astro.config.mjs": 'export default { site: "https://al.example", build: { format: "file" } };\n',
    "src/content/config.ts": (
        'import { defineCollection, z } from "astro:content";\n'
        'const blog = defineCollection({ type: "content", schema: z.object({ title: z.string() }) });\n'
        "export const collections = { blog };\n"
    ),
    "src/pages/blog/[...slug].astro": ASTRO_SITE["src/pages/blog/[...slug].astro"].replace("post.id", "post.slug"),
    "src/pages/files/[...path].astro": ASTRO_SITE["src/pages/blog/[...slug].astro"].replace(
        "slug: post.id", "path: post.id"
    ),
    "src/pages/about.md": "---\ntitle: About\n---\n\nAbout.\n",
    "src/content/blog/Hello World.md": "---\ntitle: Hello World\n---\n\nHello.\n",
    "src/content/blog/own.md": "---\ntitle: Own\nslug: custom/own\n---\n\nOwn.\n",
    "src/content/blog/_under.md": "---\ntitle: Under\n---\n\nNot an entry.\n",
    "src/content/blog/sub/index.md": "---\ntitle: Sub\n---\n\nSub.\n",
}

ELEVENTY = NodeGenerator("eleventy", "@11ty/eleventy", ("@11ty/eleventy/cmd.cjs", "--quiet"), "_site")
ELEVENTY_SITE = {
    "package.json": '{"name": "e", "private": true, "type": "module", "dependencies": {"@11ty/eleventy": "^3"}}',
    "eleventy.config.js": (
        "export default function (eleventyConfig) {\n"
        '  eleventyConfig.addPreprocessor("drafts", "*", (data) => {\n'
        '    if (data.draft && process.env.ELEVENTY_RUN_MODE === "build") return false;\n  });\n}\n'
        'export const config = { dir: { input: "src", output: "_site" }, pathPrefix: "/base/" };\n'
    ),
    ".eleventyignore": "src/private/\n",
    "src/_data/metadata.json": '{"title": "E", "url": "https://el.example/"}',
    "src/_includes/base.njk": "{{ content | safe }}\n",
    "src/index.njk": "---\ntitle: Home\n---\n<h1>Home</h1>\n",
    "src/posts/2024-01-02-hello-world.md": "---\ntitle: Hello World\n---\n\n" + PROSE + "\n",
    "src/posts/own-post.md": '---\ntitle: Own\npermalink: "/custom/{{ page.fileSlug }}/"\n---\n\nOwn.\n',
    "src/posts/named.md": '---\ntitle: A Named Post\npermalink: "/t/{{ title | slugify }}/"\n---\n\nNamed.\n',
    "src/posts/gone.md": "---\ntitle: Gone\npermalink: false\n---\n\nNot written.\n",
    "src/posts/idea.md": "---\ntitle: Idea\ndraft: true\n---\n\nAn idea.\n",
    "src/posts/quiet.md": "---\ntitle: Quiet\neleventyExcludeFromCollections: true\n---\n\nQuiet.\n",
    "src/notes/notes.11tydata.json": '{"permalink": "/n/{{ page.fileSlug }}.html"}',
    "src/notes/one.md": "---\ntitle: One\n---\n\nNote one.\n",
    "src/notes/index.md": "---\ntitle: Notes\npermalink: /n/\n---\n\nAll notes.\n",
    "src/private/secret.md": "---\ntitle: Secret\n---\n\nIgnored.\n",
    "src/about.html": "<p>About</p>\n",
}

DOCUSAURUS = NodeGenerator(
    "docusaurus", "@docusaurus/core", ("@docusaurus/core/bin/docusaurus.mjs", "build", "--no-minify"), "build"
)
DOCUSAURUS_SITE = {
    "package.json": '{"name": "d", "private": true, "dependencies": {"@docusaurus/core": "^3"}}',
    "docusaurus.config.js": (
        "// url: 'https://wrong.example'\nexport default {\n  title: 'D',\n  url: 'https://ds.example',\n"
        "  baseUrl: '/base/',\n  onBrokenLinks: 'ignore',\n  onBrokenMarkdownLinks: 'ignore',\n"
        "  presets: [['classic', /** @type {Options} */ ({\n    docs: { routeBasePath: 'guide' },\n"
        "    blog: { routeBasePath: 'writing', path: 'posts', postsPerPage: 2, onInlineTags: 'ignore' },\n  })]],\n"
        "  themeConfig: {\n    blog: { sidebar: { groupByYear: true } },\n"
        "    algolia: { appId: 'A', apiKey: 'k', indexName: 'd' },\n  },\n};\n"
    ),
    "docs/01-intro.md": "---\ntitle: Intro\ntags: [Node.js, git教程]\n---\n\nIntro.\n",
    "docs/02-setup/_category_.json": '{"label": "Set - Up", "link": {"type": "generated-index"}}',
    "docs/02-setup/03-install.md": "---\nid: installing\n---\n\n# Install\n\nInstall it.\n",
    "docs/02-setup/Setup.md": "# Setup\n\nThe folder's own page.\n",
    "docs/other/moved.md": "---\nslug: /elsewhere/moved\n---\n\n# Moved\n\nMoved.\n",
    "docs/other/near.md": "---\nslug: ../beside\n---\n\n# Near\n\nNear.\n",
    "docs/other/2021-01-01-dated.md": "# Dated\n\nDated.\n",
    "docs/wip.md": "---\ndraft: true\n---\n\n# WIP\n\nNot yet.\n",
    "src/pages/index.js": "export default function Home() {\n  return null;\n}\n",
    "src/pages/about.md": "---\ntitle: About\n---\n\nAbout.\n",
    "src/pages/_draft.md": "Not a page.\n",
    "posts/tags.yml": "go:\n  label: Go\n  permalink: /golang\ndeep:\n  label: Deep\n",
    "posts/2024-01-02-hello-world.md": "---\ntitle: Hello World\ntags: [Go Tips, deep, go]\nauthors: [ann]\n---\n\n"
    + PROSE
    + "\n",
    "posts/2024-02-03-folder-post/index.md": "---\ntitle: Folder\ntags: [deep, {label: Own, permalink: /own-tag}]\n"
    "---\n\nIn a folder.\n",
    "posts/mine.md": "---\ntitle: Mine\nslug: /my/own\ndate: 2023-01-01\n---\n\nMine.\n",
    "posts/idea.md": "---\ntitle: Idea\ndraft: true\ndate: 2023-01-02\n---\n\nAn idea.\n",
    "posts/quiet.md": "---\ntitle: Quiet\nunlisted: true\ndate: 2023-01-03\n---\n\nQuiet.\n",
    "posts/nested/plain.md": "---\ntitle: Plain\ndate: 2023-01-04\n---\n\nPlain.\n",
    "posts/_partial.md": "Not a post.\n",
    "posts/component.mdx": "---\ntitle: Component\ndate: 2023-01-05\n---\n\n"
    + MDX_BODY.replace(
        "import Note from './note.js';", "export const Note = ({children}) => <aside>{children}</aside>;"
    ),
    "posts/authors.yml": "ann:\n  name: Ann\n  page: true\nbob:\n  name: Bob\n",
    "static/img/logo.png": "png",
}

SITES = {
    "astro": (ASTRO, ASTRO_SITE, "https://as.example/base/"),
    "eleventy": (ELEVENTY, ELEVENTY_SITE, "https://el.example/base/"),
    "docusaurus": (DOCUSAURUS, DOCUSAURUS_SITE, "https://ds.example/base/"),
}
# per site: (a post's source, its published URL, a list page's URL, the sources it does not publish)
POSTS = {
    "astro": ("src/content/blog/Hello World.md", "blog/hello-world/", "notes/first/", ["src/content/blog/idea.md"]),
    "eleventy": (
        "src/posts/2024-01-02-hello-world.md",
        "posts/2024-01-02-hello-world/",
        "n/",
        ["src/posts/gone.md", "src/posts/idea.md"],
    ),
    "docusaurus": (
        "posts/2024-01-02-hello-world.md",
        "writing/2024/01/02/hello-world/",
        "writing/tags/go-tips/",
        ["docs/wip.md", "posts/idea.md"],
    ),
}


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


@pytest.fixture(params=sorted(SITES))
def site(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    return request.param, _write(tmp_path, SITES[request.param][1])


def test_each_site_is_told_by_its_files(site: tuple[str, Path]) -> None:
    name, folder = site
    assert detect(folder)[0].name == name


def test_published_urls_are_the_pages_the_real_build_writes(site: tuple[str, Path]) -> None:
    name, folder = site
    generator, _, address = SITES[name]
    built = built_pages(generator, folder)
    model = open_site(folder, use_cache=False)
    assert model is not None and model.site_url == address
    assert {page.url for page in model.entries() if page.published} == built
    assert sorted(path.relative_to(folder).as_posix() for path in model.drafts()) == POSTS[name][3]


def test_an_older_astro_collection_by_slug_and_by_id_as_built(tmp_path: Path) -> None:
    """A collection without a loader (Astro 4's, still read by Astro 5): its entries' ``slug`` and
    ``id`` (the file's path) routed by two files, written as ``build.format: "file"``."""
    folder = _write(tmp_path, ASTRO_OLDER_SITE)
    built = built_pages(ASTRO, folder)
    model = open_site(folder, use_cache=False)
    assert model is not None
    assert {url for page in model.entries() if page.published for url in (page.url, *page.aliases)} == built
    assert "blog/custom/own.html" in built and "files/own.md.html" in built


def test_the_cli_judges_links_relative_links_and_cross_posts_by_published_urls(site: tuple[str, Path]) -> None:
    name, folder = site
    address = SITES[name][2]
    post, url, listing, _ = POSTS[name]
    (folder / "drafts").mkdir()
    (folder / "drafts" / "links.md").write_text(
        f"---\ntitle: Links\n---\n\n# Links\n\nRead [the first post]({address}{url}), "
        f"[a list of posts]({address}{listing}), [a missing one]({address}posts/nope/) "
        f"and [the first post again](../{post.replace(' ', '%20')}).\n"
    )
    found = medlint("check", "drafts/links.md", "--format", "json", "--select", "ML205,ML209", cwd=folder).findings
    assert [(f["code"], f["message"]) for f in found] == [
        ("ML209", f"{address}posts/nope/ matches nothing the site publishes"),
        ("ML205", f"Relative link ../{post.replace(' ', '%20')} breaks on Medium; use {address}{url}"),
    ]
    (folder / "drafts" / "copy.md").write_text(
        f"---\ntitle: Hello World\ncanonical_url: {address}{url}\n---\n\n{PROSE}\n"
    )
    assert medlint("check", "drafts/copy.md", "--format", "json", "--select", "ML3", cwd=folder).findings == []
    (folder / "drafts" / "copy.md").write_text(f"---\ntitle: A copy\n---\n\n{PROSE}\n")
    [duplicate] = medlint("check", "drafts/copy.md", "--format", "json", "--select", "ML301", cwd=folder).findings
    assert f"canonical_url: {address}{url}" in duplicate["message"]


@pytest.mark.parametrize("name", ["astro", "docusaurus"])
def test_mdx_is_read_as_markdown_with_jsx_as_raw_html(name: str, tmp_path: Path) -> None:
    folder = _write(tmp_path, SITES[name][1])
    source = next(path for path in SITES[name][1] if path.endswith("component.mdx"))
    run = medlint("check", source, "--format", "json", "--ignore", "ML204", cwd=folder)
    # the JSX block is one raw-HTML finding; the link, bare URL and anchor text inside it, the
    # import/export and the comment are code, never prose
    jsx = (
        SITES[name][1][source].splitlines().index('<Note kind="tip" data={{ link: "https://example.com/click-here" }}>')
    )
    assert [(f["code"], f["line"]) for f in run.findings] == [("ML404", jsx + 1)]
    assert run.findings[0]["message"].startswith("Raw HTML <Note>")


def test_an_astro_route_medlint_cannot_read_is_one_notice_and_no_url(tmp_path: Path) -> None:
    folder = _write(tmp_path, ASTRO_SITE)
    (folder / "src/pages/blog/[...slug].astro").unlink()
    (folder / "src/pages/posts").mkdir()
    (folder / "src/pages/posts/[...page].astro").write_text(
        '---\nimport { getCollection } from "astro:content";\nexport async function getStaticPaths({ paginate }) {\n'
        '  return paginate(await getCollection("blog"), { pageSize: 5 });\n}\n---\n'
    )
    (folder / "drafts").mkdir()
    (folder / "drafts" / "d.md").write_text(
        "---\ntitle: D\n---\n\n# D\n\nSee [the post](../src/content/blog/own.md).\n"
    )
    run = medlint("check", "drafts/d.md", "--format", "json", "--select", "ML205", cwd=folder)
    [finding] = run.findings
    assert "use https://" not in finding["message"]  # no URL is suggested for a page of a computed route
    assert run.err.count("[...page].astro: a route medlint cannot read") == 1


def test_an_eleventy_permalink_medlint_cannot_read_is_one_notice_and_no_url(tmp_path: Path) -> None:
    folder = _write(tmp_path, ELEVENTY_SITE)
    (folder / "src/posts/own-post.md").write_text(
        "---\ntitle: Own\npermalink: \"/{{ page.date | date: '%Y' }}/own/\"\n---\n\nOwn.\n"
    )
    model = open_site(folder, use_cache=False)
    assert model is not None
    own = next(page for page in model.entries() if page.file and page.file.name == "own-post.md")
    assert own.url is None and own.published and not model.certain


def test_a_docusaurus_blog_plugin_entry_is_read_beside_a_preset_without_a_blog(tmp_path: Path) -> None:
    folder = _write(tmp_path, {name: text for name, text in DOCUSAURUS_SITE.items() if name.startswith("posts/")})
    (folder / "docusaurus.config.ts").write_text(
        "const config = {\n  url: 'https://ds.example',\n  baseUrl: '/',\n"
        "  presets: [['@docusaurus/preset-classic', { blog: false, pages: false }]],\n"
        "  plugins: [\n    [\n      '@docusaurus/plugin-content-blog',\n"
        "      { id: 'second', routeBasePath: '/', path: 'posts', archiveBasePath: null, tags: false },\n    ],\n  ],\n};\n"
        "export default config;\n"
    )
    model = open_site(folder, use_cache=False)
    assert model is not None and model.generator.name == "docusaurus"
    urls = {page.url for page in model.entries() if page.published}
    # tags: false reads no tags file (its "go" is a tag of its own); archiveBasePath: null, no archive
    assert {"", "2024/01/02/hello-world/", "my/own/", "tags/go/", "tags/go-tips/", "404.html"} <= urls
    assert not {"page/2/", "archive/", "golang/", "tags/golang/"} & urls


def test_the_story_of_an_mdx_draft_leaves_out_its_statements_and_jsx(tmp_path: Path) -> None:
    from medlint.config import load_config
    from medlint.session import Session

    folder = _write(tmp_path, ASTRO_SITE)
    page, _ = Session.open(load_config(folder), use_cache=False).preview(folder / "src/content/blog/component.mdx")
    article = re.sub(r"<[^>]+>", " ", page[page.index("<article") : page.index("</article>")])
    assert "Some prose before the component." in article and "The end." in article
    shown = article.replace("&lt;", "<")
    assert [token for token in ("import", "<Note", "kind=", "{/*", "click here", "in-jsx") if token in shown] == []


def test_folders_the_settings_name_outside_the_project_are_not_read(tmp_path: Path) -> None:
    outside = _write(tmp_path / "outside", {"posts/2024-01-01-secret.md": "# Secret\n", "posts/tags.yml": "a: {}\n"})
    folder = _write(tmp_path / "project", {"docusaurus.config.js": "module.exports = { url: 'https://d.example' };"})
    (folder / "docusaurus.config.js").write_text(
        "module.exports = { url: 'https://d.example', plugins: [['@docusaurus/plugin-content-blog', "
        f"{{ path: '{outside / 'posts'}' }}]] }};"
    )
    run = medlint("check", "--site", ".", "--format", "json", cwd=folder)
    assert "the blog's path" in run.err and "is outside the project; it is not read" in run.err
    from medlint.files import Boundary

    model = open_site(folder, use_cache=False, boundary=Boundary([folder]))
    assert model is not None and all(page.file is None for page in model.entries())


def test_an_astro_content_config_in_typescript_is_read(tmp_path: Path) -> None:
    """Type annotations, quoted collection names and a route's optional chaining read as the
    plain forms do; a route that maps something else than an entry's id is computed."""
    folder = _write(tmp_path, ASTRO_SITE)
    (folder / "src/content.config.ts").write_text(
        'import { defineCollection, type CollectionEntry } from "astro:content";\nimport { glob } from "astro/loaders";\n'
        "export const blog: ReturnType<typeof defineCollection> = defineCollection({\n"
        '  loader: glob({ pattern: "**/*.{md,mdx}", base: "./src/content/blog" }),\n});\n'
        'const notes = defineCollection({ loader: glob({ pattern: "*.md", base: "./src/content/notes" }) });\n'
        "export const collections = { 'blog': blog, notes };\n"
    )
    route = folder / "src/pages/blog/[...slug].astro"
    route.write_text(route.read_text().replace("post.id", "post?.id"))
    model = open_site(folder, use_cache=False)
    assert model is not None
    urls = {page.url for page in model.entries() if page.published}
    assert {"blog/hello-world/", "blog/my-own/place/", "notes/first/"} <= urls and model.certain
    route.write_text(route.read_text().replace("post?.id", "post.data.title"))
    model = open_site(folder, use_cache=False)
    assert model is not None
    hello = next(page for page in model.entries() if page.file and page.file.name == "Hello World.md")
    assert hello.url is None and not model.certain


TAG_LABELS = [
    "git教程", "Node.js", "node js", "教程Git", "React Hooks", "C++", "Café au lait", "HTTPServer2",
    "v8引擎 原理", "日本語のテスト", "XMLHttpRequest", "ES2015", "don't stop", "Ünïcödé", "k8s", "Go语言",
    "a_b-c", "🚀 rocket", "1st place", "Привет мир", "中文，标点", "2nd-Edition", "iOS 17", "Æsir straße", "Øre ﬁle",
]  # fmt: skip


def test_docusaurus_tag_slugs_are_lodash_kebab_case_as_docusaurus_runs_it() -> None:
    """The slug of a tag Docusaurus publishes (``/blog/tags/git教程/``, no hyphen in it) is
    lodash's ``kebabCase``: the real one, from the Docusaurus install, on the same labels."""
    import subprocess

    from medlint.generators.slugs import kebab

    DOCUSAURUS.require()
    script = "const k = require(process.argv[1]); console.log(JSON.stringify(JSON.parse(process.argv[2]).map(k)))"
    lodash = str(DOCUSAURUS.modules / "lodash" / "kebabCase.js")
    done = subprocess.run(["node", "-e", script, lodash, json.dumps(TAG_LABELS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert [kebab(label) for label in TAG_LABELS] == json.loads(done.stdout)


BESIDE_SITE = {
    "website/package.json": '{"name": "d", "private": true, "dependencies": {"@docusaurus/core": "^3"}}',
    "website/docusaurus.config.js": (
        "export default {\n  title: 'D',\n  url: 'https://ds.example',\n  baseUrl: '/',\n"
        "  presets: [['classic', { docs: false, blog: { path: '../blog' } }]],\n};\n"
    ),
    "website/src/pages/index.md": "# Home\n",
    "blog/2024-01-02-hello.md": "---\ntitle: Hello\ntags: [Go]\n---\n\nHello.\n",
    "blog/second.md": "---\ntitle: Second\ndate: 2024-02-03\n---\n\nSecond.\n",
    "website/draft.md": (
        "---\ntitle: Draft\n---\n\n# Draft\n\nSee [the hello post](https://ds.example/blog/2024/01/02/hello/), "
        "[the Go tag](https://ds.example/blog/tags/go/) and [a lost post](https://ds.example/blog/lost/).\n"
    ),
}


def test_a_docusaurus_blog_beside_the_site_is_read_when_allowed_and_never_misjudged(tmp_path: Path) -> None:
    """``path: '../blog'`` (the site in ``website/``, the posts beside it): with ``--follow-outside``
    its posts are the pages the real build writes, and links are judged by them; without it, a
    notice names the folder and how to allow it, and no link under the blog is said to match
    nothing."""
    from medlint.files import Boundary

    folder = _write(tmp_path, BESIDE_SITE)
    website = folder / "website"
    pages, _ = built_output(DOCUSAURUS, folder, within="website")
    model = open_site(website, use_cache=False, boundary=Boundary.of(website, follow_outside=True))
    assert model is not None
    assert {page.url for page in model.entries() if page.published} == pages
    assert {"blog/2024/01/02/hello/", "blog/second/", "blog/tags/go/"} <= pages

    run = medlint("check", "--format", "json", "draft.md", cwd=website)
    assert "the blog's path" in run.err and str(folder / "blog") in run.err and "--follow-outside" in run.err
    assert "ML209" not in run.out and run.code == 0

    allowed = medlint("check", "--follow-outside", "--format", "json", "draft.md", cwd=website)
    findings = [(finding["code"], finding["message"]) for finding in json.loads(allowed.out)]
    assert [code for code, _ in findings] == ["ML209"] and "blog/lost/" in findings[0][1], findings
    assert allowed.code == 1


def test_a_kept_page_list_sees_a_new_post_in_a_blog_beside_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where medlint may read beside the site (the project is the folder above ``website/``), the
    page list kept between runs is stamped by those files too: a post added to ``../blog`` is
    published in the next run's list."""
    from medlint.files import Boundary

    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = _write(tmp_path / "project", BESIDE_SITE)
    for path in folder.rglob("*"):
        os.utime(path, (1_600_000_000, 1_600_000_000))  # older than the cache

    def published() -> set[str | None]:
        site = open_site(folder / "website", boundary=Boundary.of(folder))
        assert site is not None
        return {page.url for page in site.entries() if page.published}

    before = published()
    assert "blog/second/" in before and published() == before
    (folder / "blog" / "third.md").write_text("---\ntitle: Third\ndate: 2024-03-04\n---\n\nThird.\n")
    assert published() - before >= {"blog/third/"}


ELEVENTY_COPIES_SITE = {
    "package.json": '{"name": "e", "private": true, "type": "module", "dependencies": {"@11ty/eleventy": "^3"}}',
    "eleventy.config.js": (
        "export default function (eleventyConfig) {\n"
        '  eleventyConfig.addPassthroughCopy("src/assets");\n'
        '  eleventyConfig.addPassthroughCopy({ "static": "/" });\n'
        '  eleventyConfig.addPassthroughCopy("src/**/*.jpg");\n}\n'
        'export const config = { dir: { input: "src", output: "_site" } };\n'
    ),
    "src/_data/metadata.json": '{"title": "E", "url": "https://el.example/"}',
    "src/_data/links.json": '{"a": 1}',
    "src/_includes/base.njk": "{{ content | safe }}\n",
    "src/404.njk": "---\npermalink: /404.html\n---\n<h1>Gone</h1>\n",
    "src/feed.njk": "---\npermalink: /feed.xml\n---\n<feed></feed>\n",
    "src/guide/guide.md": "---\ntitle: Guide\n---\n\nA file named as its folder.\n",
    "src/data-page.md": '---json\n{"title": "Jay", "permalink": "/jay/"}\n---\n\nJSON front matter.\n',
    "src/assets/site.css": "body {}\n",
    "src/assets/.keep": "",
    "src/posts/photo.jpg": "jpg",
    "src/posts/unused.png": "png",
    "src/posts/post.md": "---\ntitle: Post\n---\n\n![a photo](photo.jpg)\n",
    "static/robots.txt": "User-agent: *\n",
    "static/img/logo.png": "png",
}


def test_eleventy_passthrough_copies_feeds_json_front_matter_and_folder_named_files_as_built(
    tmp_path: Path,
) -> None:
    """What real Eleventy writes, page for page and file for file: passthrough copies (a folder,
    an object that sends one to the root, a glob) and nothing else of the input's plain files; a
    template with a feed's permalink as a file; ``---json`` front matter read; ``guide/guide.md``
    at ``/guide/``."""
    folder = _write(tmp_path, ELEVENTY_COPIES_SITE)
    pages, files = built_output(ELEVENTY, folder)
    model = open_site(folder, use_cache=False)
    assert model is not None and not model.guessed
    assert {page.url for page in model.entries() if page.published} == pages
    assert set(model.files().values()) == files
    assert {"guide/", "jay/", "404.html"} <= pages
    assert {"assets/.keep", "robots.txt", "img/logo.png", "posts/photo.jpg", "feed.xml"} <= files


def test_eleventy_javascript_front_matter_is_not_run_and_its_page_is_unknown(tmp_path: Path) -> None:
    """``---js`` front matter is code: its page is built (here at ``/code/``) but medlint does not
    run it, says so in a notice naming the file, and judges a link to it unknown, never missing."""
    files = {**ELEVENTY_COPIES_SITE, "src/code.md": '---js\nconst title = "Code";\n---\n\nJS front matter.\n'}
    folder = _write(tmp_path, files)
    pages, _ = built_output(ELEVENTY, folder)
    assert "code/" in pages
    model = open_site(folder, use_cache=False)
    assert model is not None and None in {page.url for page in model.entries()}
    assert any(str(folder / "src" / "code.md") in said and "JavaScript" in said for said in model.guessed)
    from medlint.site import Reach

    assert model.locate("https://el.example/code/", str(folder / "draft.md")).reach is Reach.UNKNOWN


def test_a_trusted_eleventy_site_is_asked_for_the_urls_its_code_computes(tmp_path: Path) -> None:
    """A JavaScript data file computes the posts' permalinks: read as data, a link to a post is
    unknown (one notice names the file) and no finding claims it missing; with ``--trust-site``,
    the site's own Eleventy is asked (``--to=json``), so a link to a post it publishes is fine and
    one to a URL it does not publish is ML209. Without its Eleventy installed, trusting the site
    says so and reads it as data."""
    ELEVENTY.require()
    files = {
        **ELEVENTY_SITE,
        "src/posts/posts.11tydata.js": (
            "export default { eleventyComputed: { permalink: (data) => `/writing/${data.page.fileSlug}/` } };\n"
        ),
        "src/posts/own-post.md": "---\ntitle: Own\n---\n\nOwn.\n",
        "drafts/new.md": (
            "# New\n\n" + PROSE + "\n\nSee [the own post](https://el.example/base/writing/own-post/) and "
            "[a post that is not there](https://el.example/base/writing/not-there/).\n"
        ),
    }
    folder = _write(tmp_path, files)
    untrusted = medlint("check", "--select", "ML209", "--format", "json", folder / "drafts/new.md", cwd=folder)
    assert untrusted.code == 0, untrusted.out
    assert "posts.11tydata.js" in untrusted.err and "computes the permalink" in untrusted.err
    not_installed = medlint("check", "--trust-site", "--select", "ML209", folder / "drafts/new.md", cwd=folder)
    assert "the site's own eleventy, which is not installed" in " ".join(not_installed.err.split()), not_installed.err
    assert not_installed.code == 0
    (folder / "node_modules").symlink_to(ELEVENTY.modules, target_is_directory=True)
    trusted = medlint(
        "check", "--trust-site", "--select", "ML209", "--format", "json", folder / "drafts/new.md", cwd=folder
    )
    assert trusted.code == 1, trusted.err
    findings = json.loads(trusted.out)
    assert [(finding["code"], "not-there" in finding["message"]) for finding in findings] == [("ML209", True)]
    assert "computes the permalink" not in trusted.err
    model = open_site(folder, use_cache=False, trust_site=True)
    assert model is not None
    own = next(page for page in model.entries() if page.file and page.file.name == "own-post.md")
    assert (own.url, model.certain) == ("writing/own-post/", True)


def test_a_trusted_sites_own_build_is_kept_until_a_file_of_its_project_changes(tmp_path: Path) -> None:
    """With ``--trust-site``, what the site's own Eleventy published is kept between runs: a second
    run with nothing changed does not run the site's code again and finds the same, a changed data
    file runs it again, and so does ``--no-cache``. The site's own data file tells: each time
    Eleventy runs it, it adds a line to a file out of the project."""
    ELEVENTY.require()
    ran = tmp_path / "ran.txt"
    files = {
        **ELEVENTY_SITE,
        "src/posts/posts.11tydata.js": (
            'import { appendFileSync } from "node:fs";\n'
            f"appendFileSync({json.dumps(str(ran))}, 'ran\\n');\n"
            "export default { eleventyComputed: { permalink: (data) => `/writing/${data.page.fileSlug}/` } };\n"
        ),
        "drafts/new.md": "# New\n\n" + PROSE + "\n\nSee [a post](https://el.example/base/writing/not-there/).\n",
    }
    folder = _write(tmp_path / "site", files)
    (folder / "node_modules").symlink_to(ELEVENTY.modules, target_is_directory=True)
    for path in folder.rglob("*"):
        os.utime(path, (1_600_000_000, 1_600_000_000), follow_symlinks=False)  # older than the cache

    def check(*options: str) -> tuple[int, str]:
        done = medlint(
            "check", "--trust-site", "--select", "ML209", "--format", "json", *options, "drafts/new.md", cwd=folder
        )
        return done.code, done.out

    def runs() -> int:
        return len(ran.read_text().splitlines()) if ran.is_file() else 0

    first = check()
    assert first[0] == 1 and "not-there" in first[1] and runs() == 1
    assert check() == first and runs() == 1  # kept
    assert check("--no-cache") == first and runs() == 2
    (folder / "src/posts/own.md").write_text("---\ntitle: Own\n---\n\nOwn.\n")
    assert check() == first and runs() == 3  # a new page: asked again


def test_a_kept_trusted_build_is_asked_again_when_its_input_beside_the_project_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Eleventy project in ``site/`` reads its templates from ``../content`` (inside the
    folder medlint may read in): what its own Eleventy published is kept, and a page added there
    has it asked again."""
    from medlint.files import Boundary

    ELEVENTY.require()
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    ran = tmp_path / "ran.txt"
    folder = _write(
        tmp_path / "project",
        {
            "site/package.json": '{"name": "e", "private": true, "type": "module", "dependencies": {"@11ty/eleventy": "^3"}}',
            "site/eleventy.config.js": 'export const config = { dir: { input: "../content", output: "_site" } };\n',
            "content/posts/posts.11tydata.js": (
                f'import {{ appendFileSync }} from "node:fs";\nappendFileSync({json.dumps(str(ran))}, "ran\\n");\n'
                "export default {};\n"
            ),
            "content/posts/one.md": "---\ntitle: One\n---\n\nOne.\n",
        },
    )
    (folder / "site" / "node_modules").symlink_to(ELEVENTY.modules, target_is_directory=True)
    for path in folder.rglob("*"):
        os.utime(path, (1_600_000_000, 1_600_000_000), follow_symlinks=False)

    def published() -> set[str | None]:
        site = open_site(folder / "site", boundary=Boundary.of(folder), trust_site=True)
        assert site is not None
        return {page.url for page in site.entries() if page.published}

    assert "posts/one/" in published() and published() == {"posts/one/"}
    assert len(ran.read_text().splitlines()) == 1  # kept
    (folder / "content" / "posts" / "two.md").write_text("---\ntitle: Two\n---\n\nTwo.\n")
    assert published() == {"posts/one/", "posts/two/"} and len(ran.read_text().splitlines()) == 2


@pytest.mark.parametrize("name", ["eleventy", "astro"])
def test_titles_with_punctuation_other_letters_emoji_and_spaces_are_published_as_built(
    name: str, tmp_path: Path
) -> None:
    """Pages named with punctuation, other letters, an emoji and spaces (and, for Eleventy,
    permalinks slugified from such titles): the URLs medlint models are the real build's."""
    generator, files, _ = SITES[name]
    files = dict(files)
    for number, title in enumerate(TRICKY_TITLES):
        if name == "eleventy":
            files[f"src/posts/{title.strip()}.md"] = f"---\ntitle: {title!r}\n---\n\nA.\n"
            files[f"src/t/n{number}.md"] = (
                f'---\ntitle: {title!r}\npermalink: "/t/{{{{ title | slugify }}}}/"\n---\n\nB.\n'
            )
        else:
            files[f"src/content/blog/{title.strip()}.md"] = f"---\ntitle: {title!r}\n---\n\nA.\n"
            files[f"src/content/notes/{title.strip()}.md"] = f"---\ntitle: {title!r}\n---\n\nB.\n"
    folder = _write(tmp_path, files)
    built = built_pages(generator, folder)
    model = open_site(folder, use_cache=False)
    assert model is not None
    modelled = {page.url for page in model.entries() if page.published}
    assert sorted(modelled ^ built) == []
    for page in model.entries():  # written as a link would need it: "?" is a query, " " no URL
        url = model.url(page.file) if page.published and page.file is not None else None
        assert url is None or not {"?", " "} & set(url), url
