"""Problems found in an input file: the objects of ``ntm.problems``, named here for the readers.

They live one layer down so that ``ntm.criteria`` reports problems without importing ``ntm.io``.
"""

from ntm.problems import ImportFailed, Problem, ProblemList, capped

__all__ = ["ImportFailed", "Problem", "ProblemList", "capped"]
