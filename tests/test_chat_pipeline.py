"""The chat turn's steps on their own: follow-up resolution, answer checks, abstention, turn handlers and
what is saved when a turn fails half-way."""

from __future__ import annotations

from pathlib import Path

import pytest

from careline.chat.catalog import CatalogCache
from careline.chat.checks import AnswerChecker
from careline.chat.coverage import AbstainPolicy
from careline.chat.factory import build_pipeline
from careline.chat.followup import resolve_follow_up
from careline.chat.models import Passage, Source, TurnContext, TurnResult
from careline.chat.pipeline import TurnRequest
from careline.conversations.service import SqlConversationStore, read_conversation
from careline.conversations.state import MemoryConversationStore, Topic
from careline.db import Database
from careline.settings import Settings

METFORMIN = Topic(doc_id="metformin", title="Metformin", intent="overview")
FLU = Topic(doc_id="influenza", title="Influenza (flu)", intent="symptoms")


@pytest.fixture(scope="module")
def catalog(library_store):
    return CatalogCache(library_store).get()


@pytest.mark.parametrize("message, topic, expected", [
    ("what about its side effects?", METFORMIN, "Metformin: what about its side effects?"),
    ("and for kids?", FLU, "Influenza (flu): and for kids? (symptoms)"),
    ("is it safe in pregnancy?", METFORMIN, "Metformin: is it safe in pregnancy?"),
])
def test_follow_ups_are_rewritten_with_the_conversation_topic(catalog, message, topic, expected):
    resolved = resolve_follow_up(message, topic, catalog)
    assert resolved.follow_up and resolved.text == expected


def test_a_question_naming_its_own_topic_is_left_alone(catalog):
    resolved = resolve_follow_up("What are the side effects of ibuprofen?", METFORMIN, catalog)
    assert not resolved.follow_up and resolved.text == "What are the side effects of ibuprofen?"
    assert resolved.intent == "side_effects"


def test_a_question_about_a_child_searches_beyond_the_adult_library(catalog):
    from careline.patients.models import Profile

    adult = Profile(name="Ann", birth_date="1980-05-01")
    assert resolve_follow_up("what helps a cough?", None, catalog, profile=adult).audience == "adult"
    assert resolve_follow_up("what helps my 4 year old's cough?", None, catalog, profile=adult).audience is None
    child = Profile(name="Sam", birth_date="2015-05-01")
    assert resolve_follow_up("what helps a cough?", None, catalog, profile=child).audience == "pediatric"


SOURCE = Source(n=1, doc_id="gout", title="Gout", url=None, source=None, passages=(Passage(
    doc_id="gout", chunk_id="gout#0", title="Gout", section="Overview", intent="overview", score=1.0,
    text="Gout is a type of arthritis. It happens when there is too much uric acid in the blood."),))


def test_the_checker_keeps_supported_sentences_and_drops_the_rest():
    checker = AnswerChecker([SOURCE], screen=lambda sentence: "type of arthritis" not in sentence)
    text = checker.check_text(
        "Gout happens when there is too much uric acid in the blood [1]. Gout is caused by eating cheese [1]. "
        "It is a type of arthritis [4]. Gout is a type of arthritis [1]. Gout affects 40 joints [1].")
    assert text == "Gout happens when there is too much uric acid in the blood [1]."
    reasons = sorted(reason for reason, _ in checker.report.dropped)
    assert reasons == ["invalid_citation", "out_of_scope", "ungrounded", "ungrounded"]


def test_an_uncited_sentence_takes_the_citation_that_follows_it_in_its_paragraph():
    checker = AnswerChecker([SOURCE], screen=lambda sentence: True)
    text = checker.check_text("Gout is a type of arthritis. It happens with too much uric acid in the blood [1].\n"
                              "Gout is a type of arthritis.")
    assert text == "Gout is a type of arthritis. It happens with too much uric acid in the blood [1]."


@pytest.mark.parametrize("similarity, coverage, abstains", [
    (0.15, 1.0, True), (0.45, 0.1, True), (0.6, 0.2, False), (0.35, 0.5, True), (0.35, 0.8, False),
    (0.7, 0.9, False),
])
def test_the_abstain_policy(similarity, coverage, abstains):
    assert AbstainPolicy().not_covered("a question", similarity, coverage) is abstains


def test_questions_about_pets_abstain():
    assert AbstainPolicy().not_covered("my dog ate chocolate, what do i do", 0.9, 1.0)


class RemindMe:
    """A stand-in reminder handler: answers "remind me ..." turns itself and keeps state."""

    def handle(self, turn_context: TurnContext) -> TurnResult | None:
        if not turn_context.message.lower().startswith("remind me"):
            return None
        turn_context.state["reminder"] = {"pending": turn_context.message}
        return TurnResult(answer="I'll remind you. Shall I set it up? (yes/no)", engine="reminders",
                          extras={"reminder": {"status": "pending_confirmation"}})


def test_a_turn_handler_answers_its_turns_and_keeps_state_in_the_conversation(library_store, tmp_path: Path):
    settings = Settings(data_dir=tmp_path)
    database = Database(settings)
    database.migrate()
    pipeline = build_pipeline(settings, library_store, SqlConversationStore(database), handlers=[RemindMe()])
    reply = pipeline.run(TurnRequest(message="Remind me to take metformin at 8am"))
    assert reply.engine == "reminders" and reply.as_dict()["reminder"] == {"status": "pending_confirmation"}
    state = SqlConversationStore(database).open(conversation_id=reply.conversation_id, patient_id=None)
    assert state.handler_state == {"reminder": {"pending": "Remind me to take metformin at 8am"}}
    normal = pipeline.run(TurnRequest(message="What causes gout?", conversation_id=reply.conversation_id))
    assert normal.engine.startswith("offline") and normal.citations[0].doc_id == "gout"


def test_the_patients_message_is_saved_even_when_answering_crashes(library_store, tmp_path: Path):
    settings = Settings(data_dir=tmp_path)
    database = Database(settings)
    database.migrate()
    pipeline = build_pipeline(settings, library_store, SqlConversationStore(database))

    class Broken:
        name = "broken"

        def generate(self, retrieval, streaming=True):
            raise RuntimeError("engine crashed")

    pipeline.engine = Broken()
    events = pipeline.stream(TurnRequest(message="What causes gout?"))
    with pytest.raises(RuntimeError):
        list(events)
    with database.session() as session:
        from careline.conversations.models import Conversation

        conversation = session.query(Conversation).one()
        saved = read_conversation(db_session=session, conversation_id=conversation.id, patient_id=None)
    assert [(m.role, m.text) for m in saved.messages] == [("user", "What causes gout?")]


def test_the_memory_store_keeps_conversations_apart():
    store = MemoryConversationStore()
    state = store.open(conversation_id=None, patient_id="pat_a")
    store.record_user_message(state, "hello", {"level": "routine", "flags": []})
    from careline.errors import NotFound

    with pytest.raises(NotFound):
        store.open(conversation_id=state.id, patient_id="pat_b")


def test_turn_handlers_are_skipped_in_an_emergency(library_store):
    class AnswersEverything:
        def handle(self, turn_context: TurnContext) -> TurnResult | None:
            return TurnResult(answer="Noted: I logged your pills as taken.", engine="reminders")

    pipeline = build_pipeline(Settings(data_dir=library_store.settings.data_dir), library_store,
                              MemoryConversationStore(), handlers=[AnswersEverything()])
    emergency = pipeline.run(TurnRequest(message="I took too many of my pills and I feel like I'm dying"))
    assert emergency.safety_level == "emergency" and "logged" not in emergency.answer
    routine = pipeline.run(TurnRequest(message="I took my pills this morning"))
    assert routine.engine == "reminders"


def test_an_urgent_message_gets_the_see_a_clinician_soon_note_first(library_store):
    from careline.safety import assess_message

    message = "I've had a fever of 103 for three days and it won't come down"
    safety = assess_message(message)
    assert safety.level == "urgent" and safety.urgent_note
    pipeline = build_pipeline(Settings(data_dir=library_store.settings.data_dir), library_store,
                              MemoryConversationStore())
    reply = pipeline.run(TurnRequest(message=message))
    assert reply.safety_level == "urgent"
    assert reply.answer.startswith(safety.urgent_note)


@pytest.fixture(scope="module")
def memory_pipeline(library_store):
    return build_pipeline(Settings(data_dir=library_store.settings.data_dir), library_store,
                          MemoryConversationStore())


@pytest.mark.parametrize("question, article", [
    ("how do I know if someone is having a heart attack?", "heart-attack"),
    ("what are the signs of sepsis?", "sepsis"),
])
def test_an_answer_from_an_emergency_article_says_when_to_call_911(memory_pipeline, question, article):
    reply = memory_pipeline.run(TurnRequest(message=question))
    assert reply.safety_level == "routine" and not reply.abstained
    last = reply.answer.split("\n\n")[-1]
    cited = next(c for c in reply.citations if c.doc_id == article)
    # The article's own sentence, cited, after the answer.
    assert "call 911" in last.lower() and last.endswith(f"[{cited.n}].")


def test_no_call_line_is_added_when_the_answer_says_it_or_the_topic_is_not_an_emergency(memory_pipeline):
    stroke = memory_pipeline.run(TurnRequest(message="what are the signs of a stroke?")).answer
    assert stroke.lower().count("call 911") == 1
    gout = memory_pipeline.run(TurnRequest(message="what are the symptoms of gout?")).answer
    assert "911" not in gout


def test_the_call_line_uses_the_configured_number_or_nothing(library_store):
    from careline.chat.models import Citation, EngineAnswer
    from careline.chat.when_to_call import when_to_call_line

    documents = CatalogCache(library_store).get().documents
    answer = EngineAnswer(body="Warning signs include chest pain [1].", abstained=False, engine="composer",
                          citations=(Citation(n=1, doc_id="heart-attack", title="Heart attack", url=None,
                                              source=None),))
    chunks = library_store.index.document_chunks
    assert "call 911" in when_to_call_line(answer, documents, chunks, "911")
    # The articles name 911: a clinic configured for another number gets no line rather than a wrong one.
    assert when_to_call_line(answer, documents, chunks, "112") is None
