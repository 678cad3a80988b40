"""Officials across an archive: titles parsed into offices, people resolved across articles, dated observations.

A private package; its public names are exported from ``dvextract``.
"""
