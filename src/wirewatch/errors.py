"""Every error wirewatch raises, under one base class.

    WirewatchError
    ├── InputError              an input could not be read or understood (becomes a Discarded)
    │   ├── EmptyInput
    │   ├── BinaryInput
    │   ├── InputTooLarge
    │   ├── EncodingError
    │   ├── MalformedInput      bad JSONL line, unparsable feed, HTML with no article text
    │   ├── UnsupportedLanguage
    │   ├── FetchError          a URL the user named could not be fetched
    │   ├── UnreadableInput     a path that does not exist or cannot be read
    │   ├── NoText              nothing left after HTML extraction and boilerplate removal
    │   └── UnknownLanguage     the language cannot be told and none was given
    ├── ResourceError           a model or data file is missing or broken (say how to install it)
    ├── PipelineError           stages whose contracts do not fit together
    ├── StoreError              the database refused or is at a wrong schema version
    └── EvaluationError         a gold file that does not follow EVENT_SCHEMA.md

Messages say what happened and what to do next. Exceptions turn into user messages only at the
edges: one line and an exit code in the CLI, one JSON error shape in the API.
"""

from __future__ import annotations


class WirewatchError(Exception):
    """Base class of every wirewatch error."""


class InputError(WirewatchError):
    """An input could not be turned into a document; `reason` is the short machine-readable cause."""

    reason = "input-error"


class EmptyInput(InputError):
    reason = "empty"


class BinaryInput(InputError):
    reason = "binary"


class InputTooLarge(InputError):
    reason = "too-large"


class EncodingError(InputError):
    reason = "encoding"


class MalformedInput(InputError):
    reason = "malformed"


class UnsupportedLanguage(InputError):
    reason = "unsupported-language"


class FetchError(InputError):
    reason = "fetch-failed"


class UnreadableInput(InputError):
    """A path that does not exist or cannot be read."""

    reason = "unreadable"


class NoText(InputError):
    """An HTML page or text from which no article text remains after cleaning."""

    reason = "no-text"


class UnknownLanguage(InputError):
    """Text too short or too mixed to tell its language, and no language was given."""

    reason = "language-unknown"


class ResourceError(WirewatchError):
    """A model or data file is missing or broken."""


class PipelineError(WirewatchError):
    """Pipeline stages whose declared contracts do not fit together."""


class StoreError(WirewatchError):
    """The database refused an operation or is at an unexpected schema version."""


class EvaluationError(WirewatchError):
    """A gold or ACLED file that cannot be scored."""
