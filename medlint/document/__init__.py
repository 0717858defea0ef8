"""One Markdown file, read once into the model every rule reads.

- :mod:`~medlint.document.model`: the model (links, headings, paragraphs, constructs, directives);
- :mod:`~medlint.document.reader`: from a file on disk to a document, or to why it cannot be read;
- :mod:`~medlint.document.frontmatter`: YAML or TOML front matter, with the line of each key;
- :mod:`~medlint.document.parser`: the Markdown parser adapter that fills the model with positions.
"""

from medlint.document.frontmatter import DEFAULT_MAX_FRONT_MATTER_SIZE
from medlint.document.model import ConstructKind, Document, Link
from medlint.document.reader import DEFAULT_MAX_FILE_SIZE, parse_document, read_document

__all__ = [
    "DEFAULT_MAX_FILE_SIZE",
    "DEFAULT_MAX_FRONT_MATTER_SIZE",
    "ConstructKind",
    "Document",
    "Link",
    "parse_document",
    "read_document",
]
