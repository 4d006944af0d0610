"""The ``cchc`` command line.

:mod:`.main` parses the arguments; one module per command family does the work.
"""
