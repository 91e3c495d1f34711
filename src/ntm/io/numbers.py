"""Numbers as people type them: the objects of ``ntm.numbers``, named here for the readers.

They live one layer down so that ``ntm.criteria`` parses numbers without importing ``ntm.io``.
"""

from ntm.numbers import Convention, ParsedNumber, parse_number

__all__ = ["Convention", "ParsedNumber", "parse_number"]
