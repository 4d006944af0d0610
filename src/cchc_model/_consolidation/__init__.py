"""The consolidation layer: many reports into one, and periods compared.

``aggregate`` and ``combine``, ``compare``, and the tidy export for data frames.
"""
