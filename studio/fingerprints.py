"""What a file is, beyond its name: the facts resume and the output-folder check trust.

A name says nothing about content: a photo replaced under the same name must be styled again,
and an output someone edited must not be silently redone. A file's size and modification time
are the quick test; when they differ, the SHA-256 of its bytes decides (a ``touch`` or a copy
keeps the content and so the item).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from typing import Any

_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileFingerprint:
    size: int
    mtime_ns: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {"size": self.size, "mtime_ns": self.mtime_ns, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: Any) -> FileFingerprint | None:
        """The recorded fingerprint, or None for records written before fingerprints existed."""
        try:
            return cls(int(data["size"]), int(data["mtime_ns"]), str(data["sha256"]))
        except (TypeError, KeyError, ValueError):
            return None


def sha256_file(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(path: str | os.PathLike) -> FileFingerprint:
    """Size, mtime and content hash of ``path`` (raises ``OSError`` when it cannot be read)."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):  # a pipe or device would block or never end
        raise OSError(f"{path}: not a regular file")
    return FileFingerprint(st.st_size, st.st_mtime_ns, sha256_file(path))


def current(path: str | os.PathLike, recorded: FileFingerprint) -> FileFingerprint | None:
    """``path``'s fingerprint if it still holds the recorded content, else None (changed,
    missing or unreadable). The hash is computed only when size or mtime differ."""
    try:
        st = os.stat(path)
        if st.st_size == recorded.size and st.st_mtime_ns == recorded.mtime_ns:
            return recorded
        if st.st_size != recorded.size:
            return None
        digest = sha256_file(path)
    except OSError:
        return None
    return FileFingerprint(st.st_size, st.st_mtime_ns, digest) if digest == recorded.sha256 else None
