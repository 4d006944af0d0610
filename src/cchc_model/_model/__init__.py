"""The model layer: what a report is.

Errors, units and code lists, periods, the template machinery, the catalog of editions,
reports and their metadata, immutable maps, the bundled example. Everything else builds
on this layer.
"""
