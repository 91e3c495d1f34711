"""Criteria sets authored in the web: a province's variant of a national set, completed row by
row (pasted from the decision's table) or from the ``ntm criteria export`` table, every change a
new stored version (``CriteriaSetRecord``, keyed by content hash); a period's set attached on a
page of its own; pilot evaluation ("theo các chỉ tiêu đã nhập") switched per period."""
