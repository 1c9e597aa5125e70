"""Text embedders behind one small interface: the bundled MiniLM (default, offline) or an OpenAI model."""

from careline.embeddings.base import Embedder, get_embedder

__all__ = ["Embedder", "get_embedder"]
