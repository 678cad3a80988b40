"""dvextract: Vietnamese news articles into typed, offset-exact records.

>>> import dvextract
>>> article = dvextract.extract("Chiều 2/7, Thành ủy tổ chức hội nghị.", published="2021-07-02")
>>> article.text[article.sentences[0].start : article.sentences[0].end]
'Chiều 2/7, Thành ủy tổ chức hội nghị.'
"""

from __future__ import annotations

import logging

from ._batch import batch
from ._evaluate import Report, evaluate, run_system
from ._extras import MissingExtra
from ._gold import load_gold
from ._officials.office import Office, parse_office
from ._officials.page import person_page
from ._officials.store import Holder, build_officials, read_officials, who, who_person
from ._pipeline import extract, extract_many, load, to_article
from ._records import (
    Article,
    Boilerplate,
    BoilerplateKind,
    DateMention,
    Entity,
    Fact,
    Notice,
    Person,
    PersonTitle,
    Span,
)
from ._scores import plot_scores, score_table
from ._tables import to_arrow, to_pandas
from ._version import __version__

__all__ = [
    "Article",
    "Boilerplate",
    "BoilerplateKind",
    "DateMention",
    "Entity",
    "Fact",
    "Holder",
    "MissingExtra",
    "Notice",
    "Office",
    "Person",
    "PersonTitle",
    "Report",
    "Span",
    "__version__",
    "batch",
    "build_officials",
    "evaluate",
    "extract",
    "extract_many",
    "load",
    "load_gold",
    "parse_office",
    "person_page",
    "plot_scores",
    "read_officials",
    "run_system",
    "score_table",
    "to_arrow",
    "to_article",
    "to_pandas",
    "who",
    "who_person",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
