"""The LLM answer engine: an OpenAI-compatible chat model prompted with the numbered vetted passages.

Its output is held to the offline composer's standard: it is checked sentence by sentence as it streams
(citations only to the passages given, each sentence supported by its passage, the safety screen), and a
sentence is released to the patient only after it passed. The first sentences are held back until the
answer has enough substance, so when the model fails, times out or leaves too little after the checks,
the offline composer answers instead and the patient never sees a half answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from careline.chat.checks import MIN_SUPPORT, AnswerChecker
from careline.chat.composer import GroundedComposer, stream_words
from careline.chat.models import EngineAnswer, Retrieval, Token
from careline.chat.text import markers_in, split_sentences, word_count
from careline.llm.prompts import Prompt, load_prompt
from careline.logs import get_logger
from careline.settings import Settings

log = get_logger(__name__)

MIN_ANSWER_WORDS = 8
MAX_WORDS_PER_SOURCE = 900
# A sentence is complete once the next one has visibly started (its citation markers may still follow
# the full stop in the next token otherwise).
_COMPLETE = re.compile(r"[.!?][\"')\]]*(?:\s*\[\d{1,3}(?:\s*,\s*\d{1,3})*\])*(?=\s+[\"'(*•\-–]?[A-Z0-9])")


def format_passages(retrieval: Retrieval) -> str:
    blocks = []
    for source in retrieval.sources:
        words = 0
        parts = []
        for passage in source.passages:
            size = len(passage.text.split())
            if parts and words + size > MAX_WORDS_PER_SOURCE:
                break
            parts.append(f"({passage.section or 'Overview'}) {passage.text}")
            words += size
        blocks.append(f"[{source.n}] {source.title}\n" + "\n".join(parts))
    return "\n\n".join(blocks)


class _Release:
    """Turns checked sentences into released text, holding the start back until it is substantial."""

    def __init__(self, checker: AnswerChecker) -> None:
        self.checker = checker
        self.parts: list[str] = []
        self.held: list[str] = []
        self.released = False
        self.uncited: list[str] = []
        self.separator = ""

    def sentence(self, sentence: str) -> list[str]:
        if not markers_in(sentence):
            self.uncited.append(sentence)  # may take the markers of the next sentence in its paragraph
            return []
        out: list[str] = []
        inherited = markers_in(sentence)
        for waiting in self.uncited:
            out += self._keep(self.checker.check(waiting, inherited))
        self.uncited = []
        out += self._keep(self.checker.check(sentence))
        return out

    def paragraph_break(self, blank: bool) -> list[str]:
        out: list[str] = []
        for waiting in self.uncited:
            out += self._keep(self.checker.check(waiting))
        self.uncited = []
        if self.parts:
            self.separator = "\n\n" if blank else "\n"
        return out

    def _keep(self, checked: str | None) -> list[str]:
        if not checked:
            return []
        piece = (self.separator or (" " if self.parts else "")) + checked
        self.separator = ""
        self.parts.append(piece)
        if self.released:
            return [piece]
        self.held.append(piece)
        if word_count("".join(self.parts)) >= MIN_ANSWER_WORDS:
            self.released, held, self.held = True, self.held, []
            return held
        return []

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()


class LLMEngine:
    def __init__(self, settings: Settings, fallback: GroundedComposer, screen: Callable[[str], bool],
                 model_factory: Callable[..., Any] | None = None, prompt_name: str = "answer") -> None:
        from careline.llm.client import make_chat_model

        self.settings = settings
        self.fallback = fallback
        self.screen = screen
        self.prompt_name = prompt_name
        self.name = f"llm:{settings.llm_model}"
        self._model_factory = model_factory or make_chat_model
        self._models: dict[bool, Any] = {}

    def prompt(self) -> Prompt:
        return load_prompt(self.prompt_name)

    def _model(self, streaming: bool) -> Any:
        if streaming not in self._models:
            self._models[streaming] = self._model_factory(self.settings, streaming=streaming)
        return self._models[streaming]

    def generate(self, retrieval: Retrieval, streaming: bool = True) -> Iterator[Token | EngineAnswer]:
        if not retrieval.sources or retrieval.not_covered:
            yield from self.fallback.generate(retrieval)  # not covered: abstain without asking the model
            return
        from langchain_core.messages import HumanMessage, SystemMessage

        prompt = self.prompt()
        messages = [SystemMessage(prompt.system),
                    HumanMessage(prompt.render_user(passages=format_passages(retrieval),
                                                    question=retrieval.query.text))]
        release = _Release(AnswerChecker(retrieval.sources, self.screen, min_support=MIN_SUPPORT))
        try:
            pieces = (self._stream(messages, release) if streaming else self._whole(messages, release))
            for piece in pieces:
                yield from stream_words(piece)
        except Exception as exc:  # timeouts, HTTP errors, malformed replies: the offline engine answers
            log.warning("llm call failed; offline fallback", extra={"error_code": type(exc).__name__})
            if release.released:
                yield self._answer(release, retrieval, prompt)
                return
            yield from self.fallback.generate(retrieval)
            return
        if not release.released:
            log.info("llm answer too thin after checks; offline fallback",
                     extra={"count": len(release.checker.report.dropped)})
            yield from self.fallback.generate(retrieval)
            return
        yield self._answer(release, retrieval, prompt)

    def _answer(self, release: _Release, retrieval: Retrieval, prompt: Prompt) -> EngineAnswer:
        citations = release.checker.citations
        return EngineAnswer(body=release.text, citations=citations, abstained=False, engine=self.name,
                            prompt_version=prompt.version, dropped_sentences=len(release.checker.report.dropped),
                            topic_doc_id=citations[0].doc_id if citations else None)

    def _stream(self, messages: list[Any], release: _Release) -> Iterator[str]:
        buffer = ""
        for chunk in self._model(True).stream(messages):
            buffer += _content(chunk)
            buffer, pieces = _take_complete(buffer, release)
            yield from pieces
        yield from _flush(buffer, release)

    def _whole(self, messages: list[Any], release: _Release) -> Iterator[str]:
        reply = self._model(False).invoke(messages)
        yield from _flush(_content(reply), release)


def _content(message: Any) -> str:
    content = getattr(message, "content", "")
    if isinstance(content, list):  # content parts
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content or "")


def _take_complete(buffer: str, release: _Release) -> tuple[str, list[str]]:
    """Release every finished line and every finished sentence; return what is still being written."""
    out: list[str] = []
    while "\n" in buffer:
        line, buffer = buffer.split("\n", 1)
        for sentence in split_sentences(line):
            out += release.sentence(sentence)
        out += release.paragraph_break(blank=not line.strip())
    last_end = None
    for match in _COMPLETE.finditer(buffer):
        last_end = match.end()
    if last_end is not None:
        for sentence in split_sentences(buffer[:last_end]):
            out += release.sentence(sentence)
        buffer = buffer[last_end:]
    return buffer, out


def _flush(text: str, release: _Release) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        for sentence in split_sentences(line):
            out += release.sentence(sentence)
        out += release.paragraph_break(blank=not line.strip())
    return out
