"""The LLM judge for rubric criteria: any OpenAI-compatible chat completions endpoint
(`CARELINE_JUDGE_BASE_URL`, `CARELINE_JUDGE_MODEL`, `CARELINE_JUDGE_API_KEY`), prompted with `prompts/judge.md`.

One call per criterion, as HealthBench grades. The reply must be a JSON object
`{"explanation": str, "criteria_met": bool}`; anything else is asked for once more, then the criterion is
left ungraded with the reason (a judge's unclear answer is never turned into a grade).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import httpx

from careline.evals.rubric import Criterion, Verdict
from careline.llm.prompts import Prompt, load_prompt
from careline.logs import get_logger
from careline.settings import Settings

log = get_logger(__name__)

ATTEMPTS = 2
_FENCED = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)


def judge_configured(settings: Settings) -> bool:
    return bool(settings.judge_base_url)


class LLMJudge:
    def __init__(self, settings: Settings, *, prompt: Prompt | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        if not settings.judge_base_url:
            raise ValueError("CARELINE_JUDGE_BASE_URL is not set")
        self.model = settings.judge_model
        self.base_url = settings.judge_base_url.rstrip("/")
        self.prompt = prompt or load_prompt("judge")
        self.prompt_version = self.prompt.version
        headers = {"Authorization": f"Bearer {settings.judge_api_key}"} if settings.judge_api_key else {}
        self.client = httpx.Client(base_url=self.base_url, headers=headers, timeout=settings.judge_timeout_seconds,
                                   transport=transport)

    def grade(self, conversation: Sequence[dict[str, str]], criterion: Criterion) -> Verdict:
        messages = [
            {"role": "system", "content": self.prompt.system},
            {"role": "user", "content": self.prompt.render_user(
                conversation=render_conversation(conversation), criterion=criterion.text,
                points=f"{criterion.points:g}")},
        ]
        problem = "no answer"
        for _ in range(ATTEMPTS):
            try:
                return parse_verdict(self._complete(messages))
            except (httpx.HTTPError, JudgeReplyError) as exc:
                problem = f"{type(exc).__name__}: {exc}"
        log.warning("judge left a criterion ungraded", extra={"count": ATTEMPTS})
        return Verdict(met=None, error=f"judge gave no usable answer ({problem})")

    def _complete(self, messages: list[dict[str, str]]) -> str:
        body = {"model": self.model, "messages": messages, "temperature": 0,
                "response_format": {"type": "json_object"}}
        response = self.client.post("/chat/completions", json=body)
        if response.status_code >= 400:
            raise JudgeReplyError(f"HTTP {response.status_code}")
        try:
            return str(response.json()["choices"][0]["message"]["content"] or "")
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise JudgeReplyError("not a chat completion") from exc

    def close(self) -> None:
        self.client.close()


class JudgeReplyError(ValueError):
    """The judge's reply is not the JSON object the prompt asks for."""


def parse_verdict(content: str) -> Verdict:
    """`{"explanation": str, "criteria_met": bool}` (a ```json fence around it is tolerated), else an error."""
    text = content.strip()
    fenced = _FENCED.match(text)
    if fenced:
        text = fenced.group(1)
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JudgeReplyError(f"not JSON ({exc.msg})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("criteria_met"), bool):
        raise JudgeReplyError("no boolean 'criteria_met'")
    explanation = data.get("explanation", "")
    return Verdict(met=data["criteria_met"], explanation=explanation if isinstance(explanation, str) else "")


def render_conversation(conversation: Sequence[dict[str, str]]) -> str:
    return "\n\n".join(f"{turn['role']}: {turn['content']}" for turn in conversation)
