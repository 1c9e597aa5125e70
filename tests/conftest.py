"""Shared fixtures: isolated data dirs, a knowledge store with the bundled library ingested once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from careline.settings import BUNDLED_KNOWLEDGE_DIR, Settings

# Tests never reach a real OpenAI endpoint or the Hugging Face hub.
for _name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_ORG_ID"):
    os.environ.pop(_name, None)
for _name in [key for key in os.environ if key.startswith("CARELINE_")]:
    os.environ.pop(_name, None)
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

FIXTURES = Path(__file__).parent / "fixtures"


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    return Settings(data_dir=data_dir, **overrides)


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data", knowledge_dir=BUNDLED_KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def library_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(tmp_path_factory.mktemp("library"), knowledge_dir=BUNDLED_KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def library_store(library_settings: Settings):
    """The bundled knowledge library, ingested once for the whole test session."""
    from careline.content.ingest import ingest_paths
    from careline.retrieval.store import KnowledgeStore

    store = KnowledgeStore(library_settings)
    report = ingest_paths(store, [BUNDLED_KNOWLEDGE_DIR])
    assert not report.rejected, [r.describe() for r in report.rejected]
    return store


@pytest.fixture(scope="session")
def library_client(library_settings: Settings, library_store) -> Iterator:
    from fastapi.testclient import TestClient

    from careline.api.app import create_app

    app = create_app(library_settings, prepare_in_background=False)
    with TestClient(app) as client:
        yield client
