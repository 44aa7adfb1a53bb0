"""Evaluation of marsad's analysis against annotated corpora (``marsad eval ...``).

One flat module per task (``ner``; later ``quotes``, ``events``, ``stories``),
sharing precision/recall/F1 arithmetic (:mod:`marsad.evaluation.metrics`) and
per-stage pipeline timing (:mod:`marsad.evaluation.timing`). Gold corpora are
third-party data read from a path given on the command line; none is bundled.
See docs/evaluation.md.
"""
