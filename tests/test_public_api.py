"""The public surface is deliberate: this test freezes it (httpx's test_exported_members)."""

from __future__ import annotations

import dvextract


def test_all_is_the_public_surface() -> None:
    public = sorted(name for name in vars(dvextract) if not name.startswith("_") or name == "__version__")
    public = [n for n in public if n not in {"annotations", "logging"}]
    assert dvextract.__all__ == sorted(dvextract.__all__)
    assert sorted(dvextract.__all__) == public


def test_frozen_surface() -> None:
    assert dvextract.__all__ == [
        "Article", "Boilerplate", "BoilerplateKind", "DateMention", "Entity", "Fact", "Holder", "MissingExtra",
        "Notice", "Office", "Person", "PersonTitle", "Report", "Span", "__version__", "batch", "build_officials",
        "evaluate", "extract", "extract_many", "load", "load_gold", "parse_office", "person_page", "plot_scores",
        "read_officials", "run_system", "score_table", "to_arrow", "to_article", "to_pandas", "who", "who_person",
    ]


def test_schema_has_guideline_fields() -> None:
    props = dvextract.Article.model_json_schema()["properties"]
    for field in ("id", "title", "author", "published", "paragraphs", "captions", "boilerplate", "sentences",
                  "entities", "people", "dates", "facts", "warnings"):
        assert field in props


def test_spacy_pipeline_is_registered_factories() -> None:
    nlp = dvextract.load()
    assert nlp.pipe_names == ["dvx_structure", "dvx_entities", "dvx_dates", "dvx_facts", "dvx_people"]
    docs = list(nlp.pipe(["Chiều 2/7, Thành ủy họp.", "Sáng nay, UBND tỉnh họp."], n_process=2))
    assert [d._.dvx.work for d in docs] == ["Chiều 2/7, Thành ủy họp.", "Sáng nay, UBND tỉnh họp."]
