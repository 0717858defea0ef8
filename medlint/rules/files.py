"""File rules (ML901-ML902): files medlint could not read as a draft.

The engine reports these itself while reading (see :mod:`medlint.engine`); they are declared here
so that they are selected, configured and documented like every other rule.
"""

from __future__ import annotations

from medlint.findings import Severity
from medlint.rules.base import engine_rule

UNREADABLE_FILE = engine_rule(
    "ML901",
    "unreadable-file",
    Severity.ERROR,
    """A file that cannot be read as UTF-8 text, with the reason.

    Why: binary files, other encodings, files over ``max_file_size``, unreadable or vanished files
    cannot be checked, and Medium would garble them too. The rest of the run goes on.

    Bad:  a draft saved as Latin-1, or a PNG renamed to .md
    Good: the draft saved as UTF-8
    """,
)

INVALID_FRONT_MATTER = engine_rule(
    "ML902",
    "invalid-front-matter",
    Severity.ERROR,
    """Front matter (YAML ``---`` or TOML ``+++``) that does not parse, at the parser's line, or a
    ``medlint:`` key in it that is not ``{ignore: [...], rules: {...}}`` with rules and options
    valid as in ``.medlint.yml``.

    Why: a broken front matter block loses the title, tags and canonical URL, and MkDocs fails on
    it. The body is still checked as Markdown.

    Bad:  tags: [python, mkdocs   (the list is never closed)
    Good: tags: [python, mkdocs]
    """,
)
