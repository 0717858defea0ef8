"""The reader: one file from disk to a :class:`Document`, or to the reason it cannot be read.

A file is read once, as bytes, with a size limit; binary files, other encodings, pipes, devices,
folders and files that vanish become a ``read_error`` (reported as ML901), never an exception.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from medlint.document.dialect import COMMONMARK, Dialect
from medlint.document.frontmatter import DEFAULT_MAX_FRONT_MATTER_SIZE, split_front_matter
from medlint.document.model import Document
from medlint.document.parser import build_model
from medlint.files import NotRegularFile, read_regular

DEFAULT_MAX_FILE_SIZE = 1_000_000
"""Bytes. A Medium post is rarely over 100 kB; anything over a megabyte is not a draft."""


def read_document(
    path: str | Path,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    max_front_matter_size: int = DEFAULT_MAX_FRONT_MATTER_SIZE,
    dialect: Dialect = COMMONMARK,
) -> Document:
    """Read and parse one file; a file that cannot be read comes back with ``read_error`` set."""
    file = os.fspath(path)
    data_or_error = _read_bytes(file, max_file_size)
    if isinstance(data_or_error, str):
        return Document(file, read_error=data_or_error)
    data = data_or_error
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        return Document(file, read_error=f"contains a NUL byte on line {line}: a binary file, not Markdown text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Document(
            file, read_error=f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); save the file as UTF-8"
        )
    doc = parse_document(text, file, max_front_matter_size, dialect)
    doc.content_hash = content_hash(data)
    doc.data = data
    return doc


def parse_text(
    text: str,
    path: str,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    max_front_matter_size: int = DEFAULT_MAX_FRONT_MATTER_SIZE,
    dialect: Dialect = COMMONMARK,
) -> Document:
    """A file's unsaved text (an editor's buffer) as a document, within the same size limit as a
    file; its hash is that of the text's UTF-8 bytes."""
    data = text.encode("utf-8", "replace")  # a lone surrogate from an editor is one "?"
    if len(data) > max_file_size:
        return Document(
            path, read_error=f"text is {len(data):,} bytes, over the {max_file_size:,}-byte limit (max_file_size)"
        )
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        return Document(path, read_error=f"contains a NUL byte on line {line}: a binary file, not Markdown text")
    doc = parse_document(text.removeprefix("\ufeff"), path, max_front_matter_size, dialect)
    doc.content_hash = content_hash(data)
    doc.data = data
    return doc


def content_hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _read_bytes(file: str, max_file_size: int) -> bytes | str:
    """The file's bytes, or why they cannot be had."""
    try:
        status = os.stat(file)
        if stat.S_ISDIR(status.st_mode):
            return "is a folder, not a file"
        if not stat.S_ISREG(status.st_mode):  # reading a pipe or device could block or never end
            return "not a regular file (a pipe, socket or device)"
        if status.st_size > max_file_size:
            return f"file is {status.st_size:,} bytes, over the {max_file_size:,}-byte limit (max_file_size)"
        data = read_regular(file, max_file_size)  # checked again once open: the file may have changed
        if len(data) > max_file_size:
            return f"file is over the {max_file_size:,}-byte limit (max_file_size)"
        return data
    except NotRegularFile as exc:
        return str(exc)
    except FileNotFoundError:
        return "file not found (deleted during the run, or a broken symbolic link)"
    except PermissionError:
        return "permission denied"
    except OSError as exc:
        return exc.strerror or str(exc)


def parse_document(
    text: str,
    path: str = "<string>",
    max_front_matter_size: int = DEFAULT_MAX_FRONT_MATTER_SIZE,
    dialect: Dialect = COMMONMARK,
) -> Document:
    """Build the model from text; lines and columns are 1-based and count front matter lines."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    doc = Document(path, lines=lines, front_matter=split_front_matter(lines, max_front_matter_size))
    doc.last_definition_wins = dialect.python_markdown
    build_model(doc, dialect)
    return doc
