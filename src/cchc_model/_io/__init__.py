"""The input/output layer: reports in and out of files.

The JSON interchange and its schema, the table model every renderer reads, one module
per file format holding its reader and its writer, and the reading helpers every reader
goes through.
"""
