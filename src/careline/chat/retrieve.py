"""Retrieval for a chat turn: the top articles for the resolved question, filtered by the patient's
audience and language, with the other sections of the best articles alongside (so "what is it and what
are its side effects?" can draw on both), the article that is about the question put first (see
coverage.SourcePreference), and how well they cover the question.

Results are cached per (question, filters, content version): the same question asked again costs no
embedding and no vector search."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from careline.chat.catalog import CatalogCache
from careline.chat.coverage import (
    AbstainPolicy,
    QuestionTerm,
    SourcePreference,
    article_match,
    named_topics,
    passage_coverage,
    question_terms,
)
from careline.chat.models import Passage, ResolvedQuery, Retrieval, Source
from careline.chat.topic import ArticleProfile, TopicFit, article_profile, subject_units, topic_fit
from careline.embeddings import Embedder
from careline.retrieval.lexical import Filters
from careline.retrieval.search import HybridRetriever, SearchResult
from careline.retrieval.store import KnowledgeStore

# A medication article's sourced notes (front matter); their passage type keeps them out of section reading.
NOTE_INTENTS = {"pregnancy": "note", "pediatric": "note", "kidney": "note", "food": "note"}


def article_notes(metadata: dict[str, Any]) -> list[tuple[str, str]]:
    """The vetted, sourced notes of a medication article ("Do not take ibuprofen at about 20 weeks of
    pregnancy..."), so a question the body text does not cover can still be answered from them."""
    notes = []
    for key in NOTE_INTENTS:
        value = metadata.get(key)
        if isinstance(value, dict) and isinstance(value.get("note"), str) and value["note"].strip():
            notes.append((key, " ".join(value["note"].split())))
    return notes


@dataclass(frozen=True)
class RetrievalConfig:
    articles: int = 4
    # Articles whose score is at least this share of the best one's also contribute their other sections.
    expand_ratio: float = 0.8
    expand_articles: int = 2
    cache_size: int = 2048

    def __post_init__(self) -> None:
        if self.articles < 1 or self.expand_articles < 0 or self.cache_size < 0:
            raise ValueError("articles must be >= 1; expand_articles and cache_size must be >= 0")
        if not 0 < self.expand_ratio <= 1:
            raise ValueError("expand_ratio must be in (0, 1]")


class _RememberingEmbedder:
    """The store's embedder, remembering (per thread) the last query vector it made, so the similarity check
    reuses the vector the retriever just computed instead of embedding the question a second time."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self._last = threading.local()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        vector = self.inner.embed_query(text)
        self._last.vector = vector
        return vector

    def take_last(self) -> list[float] | None:
        vector, self._last.vector = getattr(self._last, "vector", None), None
        return vector


class _StoreView:
    """The knowledge store as the retriever sees it, with the remembering embedder in front."""

    def __init__(self, store: KnowledgeStore, embedder: _RememberingEmbedder) -> None:
        self._store = store
        self.embedder = embedder

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


class PassageRetriever:
    def __init__(self, store: KnowledgeStore, retriever: HybridRetriever, catalog: CatalogCache,
                 config: RetrievalConfig | None = None, policy: AbstainPolicy | None = None,
                 preference: SourcePreference | None = None) -> None:
        self.store = store
        self.policy = policy or AbstainPolicy()
        self.preference = preference or SourcePreference()
        self._embedder = _RememberingEmbedder(store.embedder)
        # Same retrieval settings as the given retriever, over a view of the store that remembers the query vector.
        retriever = HybridRetriever(_StoreView(store, self._embedder), retriever.config)  # type: ignore[arg-type]
        self.retriever = retriever
        self.catalog = catalog
        self.config = config or RetrievalConfig()
        self._cache: OrderedDict[tuple, Retrieval] = OrderedDict()
        self._lock = threading.Lock()
        self._profiles: tuple[int, dict[str, ArticleProfile]] = (-1, {})

    def run(self, query: ResolvedQuery, language: str | None = None) -> Retrieval:
        filters = Filters(audience=query.audience, language=language)
        key = (query.text.lower(), filters, self.store.index.version())
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return replace(cached, query=query)
        retrieval = self._retrieve(query, filters)
        with self._lock:
            self._cache[key] = retrieval
            while len(self._cache) > self.config.cache_size:
                self._cache.popitem(last=False)
        return retrieval

    def _retrieve(self, query: ResolvedQuery, filters: Filters) -> Retrieval:
        self._embedder.take_last()
        results = self.retriever.run(query.text, self.config.articles, filters, per_document=True)
        catalog = self.catalog.get()
        terms = question_terms(query.text, catalog, self.store.spelling())
        results, top_fit, off_topic = self._prefer_articles_on_topic(query.text, results, terms)
        sources: list[Source] = []
        best_score = results[0].score if results else 0.0
        for rank, result in enumerate(results):
            passages = [_passage(result)]
            if rank < self.config.expand_articles and result.score >= best_score * self.config.expand_ratio:
                passages += [
                    Passage(doc_id=c.doc_id, chunk_id=c.chunk_id, title=c.title, section=c.section, text=c.text,
                            intent=c.intent, score=result.score, retrieved=False)
                    for c in self.store.index.document_chunks(result.doc_id) if c.chunk_id != result.chunk_id
                ]
            document = catalog.documents.get(result.doc_id)
            passages += [Passage(doc_id=result.doc_id, chunk_id=f"{result.doc_id}#{key}", title=result.title,
                                 section=key.capitalize(), text=text, intent=NOTE_INTENTS[key], score=result.score,
                                 retrieved=False)
                         for key, text in article_notes(document.metadata if document else {})]
            sources.append(Source(n=rank + 1, doc_id=result.doc_id, title=result.title, url=result.url,
                                  source=result.source, passages=tuple(passages)))
        coverage = passage_coverage(terms, [p for s in sources for p in s.passages], catalog)
        score = coverage.score
        if sources and query.intent == "overview" and not (top_fit and top_fit.named):
            # "What is lupus?" answered from an article that merely mentions lupus would mislead.
            score = min(score, 0.3)
        similarity = self._similarity(query.text, [p.chunk_id for s in sources for p in s.passages if p.retrieved])
        return Retrieval(query=query, sources=tuple(sources), coverage=score, covered_terms=coverage.covered,
                         missing_terms=coverage.missing, similarity=round(similarity, 4), terms=tuple(terms),
                         not_covered=not sources or off_topic or self.policy.not_covered(query.text, similarity,
                                                                                          score))

    def _prefer_articles_on_topic(self, question: str, results: list[SearchResult], terms: list[QuestionTerm],
                                  ) -> tuple[list[SearchResult], TopicFit | None, bool]:
        """The results with the article that is about the question first, how that one fits the question's
        subject, and whether it misses the subject (see SourcePreference and careline.chat.topic)."""
        if not results:
            return results, None, False
        catalog = self.catalog.get()
        named = named_topics(question, catalog, self.store.spelling())
        units = subject_units(question, terms, catalog)
        fits: dict[str, TopicFit] = {}
        matches = []
        for result in results:
            profile = self._article_profile(result.doc_id)
            fits[result.doc_id] = fit = topic_fit(units, profile)
            matches.append(article_match(terms, result.doc_id, result.score, profile.evidence, catalog, named,
                                         fit=fit))
        ordered = self.preference.best_first(matches)
        by_doc = {r.doc_id: r for r in results}
        top = ordered[0]
        return [by_doc[m.doc_id] for m in ordered], fits[top.doc_id], self.preference.off_topic(top)

    def _article_profile(self, doc_id: str) -> ArticleProfile:
        """What an article says (all its sections, notes, names and tags), per content version."""
        version = self.store.index.version()
        with self._lock:
            if self._profiles[0] != version:
                self._profiles = (version, {})
            known = self._profiles[1].get(doc_id)
        if known is not None:
            return known
        catalog = self.catalog.get()
        document = catalog.documents.get(doc_id)
        meta = document.metadata if document else {}
        texts = [f"{c.section}. {c.text}" for c in self.store.index.document_chunks(doc_id)]
        texts += [text for _, text in article_notes(meta)]
        names = [document.title] if document else []
        names += [str(x) for key in ("synonyms", "tags", "generic_names") for x in meta.get(key, [])]
        profile = article_profile(doc_id, texts, names, catalog)
        with self._lock:
            self._profiles[1][doc_id] = profile
        return profile

    def _similarity(self, question: str, chunk_ids: list[str]) -> float:
        """The best cosine between the question and the retrieved passages' stored vectors."""
        if not chunk_ids:
            return 0.0
        vector = self._embedder.take_last() or self._embedder.embed_query(question)
        stored = list(self.store.stored_vectors(chunk_ids).values())
        if not stored:
            return 0.0
        return float(np.max(np.stack(stored) @ np.asarray(vector, dtype=np.float32)))


def _passage(result: SearchResult) -> Passage:
    return Passage(doc_id=result.doc_id, chunk_id=result.chunk_id, title=result.title, section=result.section,
                   text=result.text, intent=result.intent, score=result.score)
