"""Errors raised by model_training; the CLI turns them into clear messages and exit codes."""


class ModelTrainingError(Exception):
    """Base class of the errors a user can fix (bad input, missing files)."""


class DataValidationError(ModelTrainingError):
    """The input tables break the schema; ``problems`` lists every finding (bounded)."""

    def __init__(self, problems: list[str], n_total: int | None = None) -> None:
        self.problems = problems
        self.n_total = n_total if n_total is not None else len(problems)
        shown = "\n".join(f"  - {p}" for p in problems)
        more = self.n_total - len(problems)
        tail = f"\n  ... and {more} more problem(s)." if more > 0 else ""
        super().__init__(f"{self.n_total} problem(s) found in the input data:\n{shown}{tail}")


class MissingInputError(ModelTrainingError):
    """A required input file or directory is absent."""


class BundleError(ModelTrainingError):
    """A model bundle is missing, incomplete or inconsistent (e.g. features do not match)."""


class UnreadableInputError(ModelTrainingError):
    """An input file cannot be read safely: corrupt, encrypted, a link, or past a size limit."""
