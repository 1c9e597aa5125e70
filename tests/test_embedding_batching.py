"""Query micro-batching and the stored-vector cache: the two things that let one process serve many
concurrent chat turns."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from careline.embeddings import get_embedder
from careline.embeddings.batching import QueryBatcher
from careline.retrieval.store import _VectorCache


class SlowEmbedder:
    """Records every model call; the first call blocks until released so later queries pile up."""

    name = "slow"
    dimension = 2

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.release = threading.Event()
        self.fail = fail

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_queries(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        self.release.wait(timeout=10)
        if self.fail:
            raise RuntimeError("model broke")
        return [[float(len(text)), 1.0] for text in texts]


def test_a_lone_query_goes_at_once_in_a_batch_of_one() -> None:
    inner = SlowEmbedder()
    inner.release.set()
    batcher = QueryBatcher(inner)
    assert batcher.embed_query("chest pain") == [10.0, 1.0]
    assert inner.calls == [["chest pain"]]


def test_queries_that_arrive_while_the_model_is_busy_share_the_next_call() -> None:
    inner = SlowEmbedder()
    batcher = QueryBatcher(inner, max_batch=8)
    texts = [f"question {'x' * n}" for n in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        first = pool.submit(batcher.embed_query, texts[0])
        _wait_for(lambda: len(inner.calls) == 1)  # the model is now busy with the first query alone
        rest = [pool.submit(batcher.embed_query, text) for text in texts[1:]]
        _wait_for(lambda: len(batcher._pending) == 5)
        inner.release.set()
        vectors = [first.result(timeout=10)] + [future.result(timeout=10) for future in rest]
    # Each caller gets its own vector back, in spite of sharing a call.
    assert vectors == [[float(len(text)), 1.0] for text in texts]
    assert [len(call) for call in inner.calls] == [1, 5]
    assert (batcher.batches, batcher.queries) == (2, 6)


def test_a_batch_never_exceeds_its_limit() -> None:
    inner = SlowEmbedder()
    batcher = QueryBatcher(inner, max_batch=2)
    with ThreadPoolExecutor(max_workers=5) as pool:
        first = pool.submit(batcher.embed_query, "a")
        _wait_for(lambda: len(inner.calls) == 1)
        rest = [pool.submit(batcher.embed_query, text) for text in "bcde"]
        _wait_for(lambda: len(batcher._pending) == 4)
        inner.release.set()
        for future in [first, *rest]:
            future.result(timeout=10)
    assert [len(call) for call in inner.calls] == [1, 2, 2]


def test_a_model_failure_reaches_every_waiting_caller_and_the_batcher_keeps_serving() -> None:
    inner = SlowEmbedder(fail=True)
    batcher = QueryBatcher(inner)
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(batcher.embed_query, text) for text in ("a", "b", "c")]
        inner.release.set()
        for future in futures:
            with pytest.raises(RuntimeError, match="model broke"):
                future.result(timeout=10)
    inner.fail = False
    assert batcher.embed_query("again") == [5.0, 1.0]


def test_batching_is_configurable_and_gives_the_same_vectors(settings) -> None:
    batched = get_embedder(settings)
    single = get_embedder(settings.model_copy(update={"embedding_query_batch": 1}))
    assert isinstance(batched.inner, QueryBatcher) and not isinstance(single.inner, QueryBatcher)
    questions = ["what are the side effects of metformin?", "can I take ibuprofen while pregnant?",
                 "how do I know if my asthma is getting worse and I need to see someone soon?"]
    with ThreadPoolExecutor(max_workers=3) as pool:
        together = list(pool.map(batched.embed_query, questions))
    alone = [single.embed_query(question) for question in questions]
    # Padding a short question to the batch's longest one must not change its vector.
    np.testing.assert_allclose(np.array(together), np.array(alone), atol=1e-5)


def test_stored_vectors_are_remembered_until_the_content_changes() -> None:
    fetched: list[list[str]] = []

    def fetch(ids: list[str]) -> dict[str, np.ndarray]:
        fetched.append(ids)
        return {chunk_id: np.array([float(len(fetched))]) for chunk_id in ids}

    cache = _VectorCache(capacity=3)
    assert set(cache.get(1, ["a#0", "b#0"], fetch)) == {"a#0", "b#0"}
    cache.get(1, ["a#0", "c#0"], fetch)
    assert fetched == [["a#0", "b#0"], ["c#0"]]  # a#0 came from memory
    cache.get(2, ["a#0"], fetch)  # a new content version: re-ingested articles reuse chunk ids
    assert fetched[-1] == ["a#0"] and cache.get(2, ["a#0"], fetch)["a#0"][0] == 3.0
    cache.get(2, ["b#0", "c#0", "d#0"], fetch)  # four vectors in a cache of three: the oldest (a#0) goes
    cache.get(2, ["a#0"], fetch)
    assert fetched[-1] == ["a#0"]


def _wait_for(condition, timeout: float = 10) -> None:
    event = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        event.wait(0.01)
    raise AssertionError("condition not reached")
