"""fingerprint.json: SHA-256 of each input file, rows per table, schema version and time."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import Future
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from model_training.data.loader.report import TableResult
from model_training.data.loader.sources import Source
from model_training.data.schema import DESCRIPTION_FILE

FINGERPRINT_FILE = "fingerprint.json"


def sha256_file(path: Path) -> str:
    """Return the SHA-256 of a file's bytes (OpenSSL, the GIL released while hashing)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def schema_version() -> str:
    """Return a short digest of the schema facts the data was checked against."""
    raw = resources.files("model_training.data").joinpath("kaggle_schema.json").read_bytes()
    return hashlib.sha256(raw).hexdigest()[:16]


def write_fingerprint(
    staging: Path,
    results: list[TableResult],
    digests: dict[str, Future[str]],
    sources: dict[str, Source],
    n_description: int | None,
) -> str:
    """Write fingerprint.json (input digests, rows, schema version, time); return its digest."""
    content = {
        r.table: {
            "source": sources[r.table].label,
            "sha256": digests[r.table].result(),
            "rows": r.n_rows,
        }
        for r in results
    }
    if n_description is not None:
        content[DESCRIPTION_FILE] = {
            "source": DESCRIPTION_FILE,
            "sha256": digests["description"].result(),
            "rows": n_description,
        }
    version = schema_version()
    canonical = json.dumps({"schema_version": version, "tables": content}, sort_keys=True)
    fingerprint = hashlib.sha256(canonical.encode()).hexdigest()
    document = {
        "fingerprint": fingerprint,
        "schema_version": version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "tables": content,
    }
    (staging / FINGERPRINT_FILE).write_text(json.dumps(document, indent=2) + "\n")
    return fingerprint
