"""What a validation run found and wrote: problems, warnings, rows per table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Findings:
    """Errors and warnings of one run, listed up to ``max_problems`` each and counted in full."""

    max_problems: int = 50
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    n_errors: int = 0
    n_warnings: int = 0

    def error(self, message: str) -> None:
        """Record one error (listed while under the limit, always counted)."""
        self.n_errors += 1
        if len(self.errors) < self.max_problems:
            self.errors.append(message)

    def warn(self, message: str) -> None:
        """Record one warning (listed while under the limit, always counted)."""
        self.n_warnings += 1
        if len(self.warnings) < self.max_problems:
            self.warnings.append(message)

    def count_errors(self, n_unlisted: int) -> None:
        """Count errors that were found but not written out one by one."""
        self.n_errors += n_unlisted

    def count_warnings(self, n_unlisted: int) -> None:
        """Count warnings that were found but not written out one by one."""
        self.n_warnings += n_unlisted

    def merge(self, other: Findings) -> None:
        """Add the findings of another step after these ones (listed while under the limit)."""
        for message in other.errors:
            self.error(message)
        self.count_errors(other.n_errors - len(other.errors))
        for message in other.warnings:
            self.warn(message)
        self.count_warnings(other.n_warnings - len(other.warnings))

    @property
    def room(self) -> int:
        """Return how many more errors can still be listed."""
        return max(self.max_problems - len(self.errors), 0)


@dataclass(frozen=True)
class TableResult:
    """One table's outcome: the file read, its row count and the Parquet written."""

    table: str
    source: str
    n_rows: int
    output: Path


@dataclass
class ValidationReport:
    """The outcome of a successful run; ``summary()`` is what the CLI prints."""

    data_dir: Path
    output_dir: Path
    tables: list[TableResult]
    warnings: list[str]
    n_warnings: int
    fingerprint: str
    seconds: float
    has_description: bool = False
    step_seconds: dict[str, float] = field(default_factory=dict)  # load, check, hash wait

    @property
    def n_rows(self) -> dict[str, int]:
        """Return ``{table: row count}``."""
        return {t.table: t.n_rows for t in self.tables}

    def summary(self) -> str:
        """Return a short human summary: rows per table, warnings, where the copy went."""
        lines = [
            f"Validated {len(self.tables)} tables from {self.data_dir} in {self.seconds:.1f} s "
            f"(0 errors, {self.n_warnings} warning(s))."
        ]
        width = max(len(t.source) for t in self.tables)
        lines += [f"  {t.source:<{width}}  {t.n_rows:>12,} rows" for t in self.tables]
        if self.n_warnings:
            lines.append(f"Warnings ({self.n_warnings}):")
            lines += [f"  - {w}" for w in self.warnings]
            unlisted = self.n_warnings - len(self.warnings)
            if unlisted > 0:
                lines.append(f"  ... and {unlisted} more warning(s).")
        extra = " + column descriptions" if self.has_description else ""
        lines.append(
            f"Wrote {self.output_dir}/ ({len(self.tables)} Parquet tables{extra} + "
            f"fingerprint.json, fingerprint {self.fingerprint[:16]})."
        )
        return "\n".join(lines)
