"""Searching the bundled library through the HTTP API, as a client would."""

from __future__ import annotations

from fastapi.testclient import TestClient


def search(client: TestClient, q: str, **params: object) -> list[dict]:
    response = client.get("/api/v1/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return response.json()["results"]


def test_health_and_readiness(library_client: TestClient) -> None:
    assert library_client.get("/healthz").json() == {"status": "ok"}
    ready = library_client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["content"] == "ok"


def test_search_returns_the_contract_shape(library_client: TestClient) -> None:
    results = search(library_client, "what are the side effects of metformin", k=3)
    assert len(results) == 3
    first = results[0]
    assert {"doc_id", "chunk_id", "title", "url", "score", "text"} <= set(first)
    assert first["doc_id"] == "metformin" and first["section"] == "Side effects"
    assert first["url"].startswith("https://")
    assert len({r["doc_id"] for r in results}) == 3  # one passage per article


def test_a_symptoms_question_ranks_the_symptoms_section_of_the_right_article_first(
    library_client: TestClient,
) -> None:
    first = search(library_client, "how do I know if I have asthma, what are the signs", k=1)[0]
    assert (first["doc_id"], first["section"]) == ("asthma", "Symptoms")


def test_lay_words_find_the_clinical_article(library_client: TestClient) -> None:
    assert search(library_client, "my sugar keeps going high after meals", k=3)[0]["doc_id"] in {
        "type-2-diabetes", "type-1-diabetes", "prediabetes"}
    water_pill = [r["doc_id"] for r in search(library_client, "does a water pill make you pee more", k=2)]
    assert set(water_pill) & {"hydrochlorothiazide", "furosemide"}


def test_typos_still_find_the_article(library_client: TestClient) -> None:
    assert search(library_client, "ibuprofin upset stomache", k=1)[0]["doc_id"] == "ibuprofen"


def test_filters_by_type_and_audience(library_client: TestClient) -> None:
    meds = search(library_client, "asthma", k=5, type="medication")
    assert meds and all(r["doc_id"] in {"albuterol", "inhaled-corticosteroids", "montelukast", "prednisone"}
                        or r["doc_id"] for r in meds)
    assert "asthma" not in {r["doc_id"] for r in meds}
    kids = search(library_client, "dehydration", k=5, audience="pediatric")
    assert "dehydration-in-children" in {r["doc_id"] for r in kids}


def test_bad_search_requests_get_clear_errors(library_client: TestClient) -> None:
    empty = library_client.get("/api/v1/search", params={"q": "   "})
    assert empty.status_code == 422
    assert empty.json() == {"error": {"code": "validation_error", "message": "q: please give something to search for"}}
    too_many = library_client.get("/api/v1/search", params={"q": "flu", "k": 500})
    assert too_many.status_code == 422 and "k" in too_many.json()["error"]["message"]
    missing = library_client.get("/api/v1/search")
    assert missing.status_code == 422 and "q" in missing.json()["error"]["message"]
    bad_type = library_client.get("/api/v1/search", params={"q": "flu", "type": "recipe"})
    assert bad_type.status_code == 422 and "recipe" in bad_type.json()["error"]["message"]
    assert library_client.get("/nowhere").json()["error"]["code"] == "not_found"


def test_openapi_and_docs_are_served(library_client: TestClient) -> None:
    assert "/api/v1/search" in library_client.get("/openapi.json").json()["paths"]
    assert library_client.get("/docs").status_code == 200


def test_the_same_question_type_finds_the_right_record_among_headingless_siblings(tmp_path, library_store) -> None:
    """Q&A corpora carry one answer per record with no headings: the answer's words must decide."""
    import json

    from careline.content.ingest import ingest_paths
    from careline.retrieval.search import HybridRetriever
    from careline.retrieval.store import KnowledgeStore
    from careline.settings import Settings

    answers = {
        "symptoms": "Shingles usually starts with burning or tingling pain on one side of the body. A few days "
                    "later a red rash with blisters appears, sometimes with fever and headache.",
        "treatment": "Antiviral medicines prescribed early can shorten an outbreak. Pain relievers, cool "
                     "compresses and calamine lotion can ease discomfort while the rash heals.",
        "prevention": "A vaccine lowers the chance of getting shingles and of long-lasting nerve pain. Ask "
                      "your doctor whether the vaccine is right for you.",
    }
    path = tmp_path / "qa.jsonl"
    path.write_text("".join(json.dumps({"id": f"shingles-{kind}", "title": "Shingles", "text": text,
                                        "reviewed_by": "R", "review_date": "2026-01-01"}) + "\n"
                            for kind, text in answers.items()))
    store = KnowledgeStore(Settings(data_dir=tmp_path / "qa"), embedder=library_store.embedder)
    ingest_paths(store, [path])
    retriever = HybridRetriever(store)
    assert retriever.run("What are the signs of shingles?", k=1)[0].doc_id == "shingles-symptoms"
    assert retriever.run("How is shingles treated?", k=1)[0].doc_id == "shingles-treatment"
    assert retriever.run("How can I avoid getting shingles?", k=1)[0].doc_id == "shingles-prevention"
