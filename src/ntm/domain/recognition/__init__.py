"""Recognition and revocation of the NTM standard, after Decision 18/2022/QĐ-TTg.

Two questions, both answered with the engine's three values (``MET``/``NOT_MET``/``UNKNOWN``):

* may a commune be recognised (``recognition_check``)? It must meet the set in full, have no
  outstanding construction debt under the program, reach the required residents' satisfaction,
  and not be a commune with a complicated security situation — ``conditions``;
* does a recognised commune or district lose its recognition (``revocation_flags``,
  ``district_revocation_flags``)? 30 % to under 50 % of the criteria no longer met with one of
  them income, environment & food safety or defence & security — or 50 % or more; a district
  also when 30 % or more of its communes have lost theirs — ``revocation``.

Nothing here invents a level: the satisfaction a commune needs is given by the set or the
province, and when it is not known the condition is unknown. See docs/recognition.md.
"""

from __future__ import annotations

from ntm.domain.recognition.conditions import (
    CONDITION_VI,
    TIER_VI,
    Condition,
    RecognitionCheck,
    recognition_check,
    recognition_check_for,
)
from ntm.domain.recognition.revocation import (
    KEEP,
    KEY_ROLE_VI,
    KEY_ROLES,
    NOT_RECOGNISED,
    REASON_VI,
    REVIEW,
    REVOKE_COMMUNES,
    REVOKE_KEY,
    REVOKE_MAJORITY,
    DistrictTally,
    KeyCriteria,
    RevocationExplanation,
    communes_by_district,
    district_revocation_explain,
    district_revocation_flags,
    is_revoked,
    key_criteria_for,
    reason_labels,
    revocation_explain,
    revocation_flags,
)

__all__ = [
    "CONDITION_VI",
    "KEEP",
    "KEY_ROLES",
    "KEY_ROLE_VI",
    "NOT_RECOGNISED",
    "REASON_VI",
    "REVIEW",
    "REVOKE_COMMUNES",
    "REVOKE_KEY",
    "REVOKE_MAJORITY",
    "TIER_VI",
    "Condition",
    "DistrictTally",
    "KeyCriteria",
    "RecognitionCheck",
    "RevocationExplanation",
    "communes_by_district",
    "district_revocation_explain",
    "district_revocation_flags",
    "is_revoked",
    "key_criteria_for",
    "reason_labels",
    "recognition_check",
    "recognition_check_for",
    "revocation_explain",
    "revocation_flags",
]
