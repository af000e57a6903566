"""The stages of the pipeline, in order: load, normalize, sections, segment, numbers, numerals,
quantities, units, periods, subjects, indicators, document. Only `pipeline.py` runs them."""
