"""A statistical NER stage: a character CRF (PER, ORG, LOC) that adds recall to the rules.

- :mod:`.features`: hashed character features from code points (one function for training
  and tagging);
- :mod:`.model`: the model file (``loaders/models/ner-crf.npz``), emissions and batched
  Viterbi in numpy, no CRF library at run time;
- :mod:`.train`: offline training with python-crfsuite (the ``train`` extra).
"""

from __future__ import annotations

from loaders.extraction.statistical.model import LABELS, CrfModel, load_model

__all__ = ["LABELS", "CrfModel", "load_model"]
