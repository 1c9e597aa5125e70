"""Recent query vectors are remembered: a chat turn that embeds the patient's message for triage and again
for retrieval pays for one model call."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from careline.embeddings.batching import QueryBatcher
from careline.embeddings.cache import RecentQueries


class CountingEmbedder:
    name = "counting"
    dimension = 2

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_queries(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        with self.lock:
            self.calls.append(list(texts))
        return [[float(len(text)), 1.0] for text in texts]


def test_the_same_query_twice_costs_one_model_call() -> None:
    inner = CountingEmbedder()
    cache = RecentQueries(inner)
    first = cache.embed_query("my chest hurts")
    assert cache.embed_query("my chest hurts") == first
    assert inner.calls == [["my chest hurts"]] and cache.hits == 1


def test_a_batch_embeds_only_what_it_has_not_seen_and_keeps_the_order() -> None:
    inner = CountingEmbedder()
    cache = RecentQueries(inner)
    cache.embed_query("bb")
    assert cache.embed_queries(["a", "bb", "ccc"]) == [[1.0, 1.0], [2.0, 1.0], [3.0, 1.0]]
    assert inner.calls == [["bb"], ["a", "ccc"]]


def test_the_least_recently_used_query_is_forgotten_first() -> None:
    inner = CountingEmbedder()
    cache = RecentQueries(inner, capacity=2)
    cache.embed_query("a")
    cache.embed_query("b")
    cache.embed_query("a")  # "a" is now the most recent
    cache.embed_query("c")  # "b" goes
    cache.embed_query("a")
    cache.embed_query("b")
    assert [call[0] for call in inner.calls] == ["a", "b", "c", "b"]


def test_documents_are_never_cached() -> None:
    inner = CountingEmbedder()
    cache = RecentQueries(inner)
    cache.embed_documents(["passage"])
    cache.embed_documents(["passage"])
    assert len(inner.calls) == 2


def test_one_callers_several_queries_share_the_batchers_next_call() -> None:
    inner = CountingEmbedder()
    batcher = QueryBatcher(inner, max_batch=8)
    with ThreadPoolExecutor(max_workers=1) as pool:
        vectors = pool.submit(batcher.embed_queries, ["one", "three", "five!"]).result(timeout=10)
    assert vectors == [[3.0, 1.0], [5.0, 1.0], [5.0, 1.0]]
    assert inner.calls == [["one", "three", "five!"]]
