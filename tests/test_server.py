"""``medlint server``, the real process, driven over stdio by a plain JSON-RPC client as an editor
would: diagnostics with exact ranges (UTF-16 columns), the same findings as ``check``, a quick fix
that writes the published URL and clears the diagnostic, a copied page's ML301, a site page changed
on disk that the duplicate finding follows, hover, and a clean shutdown."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import PROSE, medlint
from lsp_client import Client

DRAFT = (
    "---\ntitle: A draft\n---\n\n# A draft\n\n😀 See [here](https://s.example/) and [the guide](../docs/guide.md).\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://s.example/\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nThe home page.\n")
    (tmp_path / "docs" / "guide.md").write_text("# The guide\n\n" + PROSE + "\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(DRAFT)
    (tmp_path / "drafts" / "copy.md").write_text("---\ntitle: A copy\n---\n\n# A copy\n\n" + PROSE + "\n")
    return tmp_path


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


def _apply(text: str, edit: dict[str, Any]) -> str:
    """A TextEdit applied to text (positions in UTF-16 units, as the protocol counts)."""
    lines = text.split("\n")

    def offset(position: dict[str, int]) -> int:
        line = lines[position["line"]]
        units = line.encode("utf-16-le")[: position["character"] * 2].decode("utf-16-le")
        return sum(len(each) + 1 for each in lines[: position["line"]]) + len(units)

    start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
    return text[:start] + edit["newText"] + text[end:]


def test_the_server_checks_unsaved_text_fixes_follows_the_site_and_exits(project: Path) -> None:
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(project / ".cache")}
    client = Client(project, env)
    try:
        capabilities = client.request(
            "initialize", {"processId": os.getpid(), "rootUri": _uri(project), "capabilities": {}}
        )
        assert capabilities["capabilities"]["hoverProvider"] and capabilities["capabilities"]["codeActionProvider"]
        client.notify("initialized", {})
        post = project / "drafts" / "post.md"
        uri = _uri(post)
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": DRAFT}},
        )
        shown = client.diagnostics(uri)
        by_code = {d["code"]: d for d in shown}
        assert {"ML101", "ML205"} <= set(by_code)
        # the link text starts after "😀 See [": the emoji is two UTF-16 units
        assert by_code["ML101"]["range"] == {"start": {"line": 6, "character": 7}, "end": {"line": 6, "character": 33}}
        assert by_code["ML205"]["severity"] == 1 and by_code["ML205"]["source"] == "medlint"
        assert by_code["ML205"]["codeDescription"]["href"].endswith("docs/rules/ml205-relative-link.md")
        # the same findings as `medlint check` on the same text
        check = medlint("check", "drafts/post.md", "--format", "json", cwd=project, env=env).findings
        assert sorted((d["code"], d["range"]["start"]["line"] + 1, d["message"]) for d in shown) == sorted(
            (f["code"], f["line"], f["message"]) for f in check
        )
        hover = client.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": by_code["ML205"]["range"]["start"]}
        )
        assert "ML205 relative-link" in hover["contents"]["value"]
        actions = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": by_code["ML205"]["range"],
                "context": {"diagnostics": [by_code["ML205"]]},
            },
        )
        [fix] = [a for a in actions if a["kind"] == "quickfix" and a.get("isPreferred")]
        [edit] = fix["edit"]["changes"][uri]
        assert edit["newText"] == "https://s.example/guide/"
        assert any(a["title"].startswith("Disable ML205") for a in actions)
        assert any(a["kind"] == "source.fixAll" for a in actions)
        fixed = _apply(DRAFT, edit)
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]},
        )
        assert "ML205" not in {d["code"] for d in client.diagnostics(uri)}
        assert post.read_text() == DRAFT  # the editor's text was checked; the file was not touched
        copy = project / "drafts" / "copy.md"
        text = copy.read_text()
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": _uri(copy), "languageId": "markdown", "version": 1, "text": text}},
        )
        [duplicate] = [d for d in client.diagnostics(_uri(copy)) if d["code"] == "ML301"]
        assert duplicate["relatedInformation"][0]["location"]["uri"] == _uri(project / "docs" / "guide.md")
        guide = project / "docs" / "guide.md"
        guide.write_text("# The guide\n\nNothing of the kind is said here any more, in other words entirely.\n")
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": _uri(guide), "type": 2}]})
        assert "ML301" not in {d["code"] for d in client.diagnostics(_uri(copy))}
        client.request("shutdown", None)
        client.notify("exit", {})
        assert client.process.wait(timeout=15) == 0
    finally:
        if client.process.poll() is None:
            client.process.kill()
