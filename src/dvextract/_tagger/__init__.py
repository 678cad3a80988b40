"""A statistical sequence tagger beside the rules (issue #16): PERSON, ORGANIZATION, LOCATION (and TITLE) from a
syllable-level CRF trained on the gold corpus's ``dev`` split, with the rules' language data as features.

:mod:`.features` builds cheap per-token features; :mod:`.model` loads the shipped model and decodes blocks;
:mod:`dvextract._train_tagger` trains it (``python -m dvextract._train_tagger``); :mod:`.merge` arbitrates
between the rules'
mentions and the model's (:func:`arbitrate`), called by the ``dvx_entities`` component.
"""

from __future__ import annotations

from .merge import arbitrate
from .model import MODEL, Tagger, default_tagger

__all__ = ["MODEL", "Tagger", "arbitrate", "default_tagger"]
