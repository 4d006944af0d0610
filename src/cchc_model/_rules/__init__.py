"""The rules layer: what a consistent report is, and how to check and complete one.

The expression language, reported numbers as intervals, rule sets, the compiled engine,
findings and their messages, ``validate`` and ``derive``.
"""
