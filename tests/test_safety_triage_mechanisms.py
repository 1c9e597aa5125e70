"""Triage mechanisms that carry over to messages nobody wrote a pattern for: lay words and misspellings of
symptoms, clusters of signs that together mean an emergency, numbers, who it is happening to and when, and
figures of speech. Each case is a patient's message, judged from the reply level and hotlines they get."""

from __future__ import annotations

import pytest

from careline.safety import assess_message
from careline.safety.text import normalize

POISON_CONTROL = "1-800-222-1222"


def level(message: str) -> str:
    return assess_message(message).level


# ----- lay words for the body and the way pain spreads -----------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "there is a pressure under my sternum and I feel sick",
        "dull weight behind my breast bone since this morning",
        "my chest feels tight and it moves up into my neck",
        "aching in the chest that travels down both arms",
    ],
)
def test_chest_pain_in_lay_words_and_spreading_is_an_emergency(message: str) -> None:
    assert "emergency:chest_pain" in assess_message(message).flags


@pytest.mark.parametrize(
    "message",
    [
        "the rash on my chest is spreading to my back",
        "tooth pain that goes into my jaw when I chew",
        "my chest does not hurt at all, it is just heartburn",
    ],
)
def test_spreading_things_that_are_not_heart_pain_are_not_emergencies(message: str) -> None:
    assert level(message) != "emergency"


# ----- signs that count together ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "my aunt's hand stopped working and she is saying strange words",
        "his mouth went to one side and he keeps dropping his cup",
        "grandma lost her balance and now her leg feels heavy",
    ],
)
def test_two_weak_stroke_signs_together_are_a_stroke(message: str) -> None:
    assert "emergency:stroke" in assess_message(message).flags


def test_cannot_feel_the_legs_after_a_fall_is_an_emergency() -> None:
    assert level("my brother can't move his legs after diving into the shallow end") == "emergency"


def test_a_chest_that_hurts_only_when_coughing_is_not_heart_pain() -> None:
    assert level("my chest hurts when I cough, I have a cold") == "routine"


def test_one_weak_stroke_sign_alone_is_not_an_emergency() -> None:
    assert level("my leg feels heavy after the long flight") != "emergency"


def test_lasting_signs_of_an_old_stroke_are_not_a_new_one() -> None:
    assert level("dad had a stroke last year, his hand is still weak and his words are slow. Which exercises?") \
        == "routine"


def test_pills_taken_to_make_everything_stop_call_poison_control_and_the_crisis_line() -> None:
    result = assess_message("took a few of my painkillers with wine so I would not wake up")
    assert set(result.hotlines) == {"911", "988", POISON_CONTROL}


@pytest.mark.parametrize(
    "message",
    [
        "my brother posted a goodbye message and asked me to take care of his dog",
        "she wrote her will and said sorry for everything",
        "I'm so tired of everything and I bought a rope",
    ],
)
def test_farewell_signs_together_call_the_crisis_line(message: str) -> None:
    result = assess_message(message)
    assert result.level == "emergency"
    assert set(result.hotlines) == {"911", "988"}


@pytest.mark.parametrize(
    "message",
    [
        "said goodbye to my parents at the station, they are flying home",
        "my coworkers gave me a farewell card, sorry for everything I put them through haha",
    ],
)
def test_an_ordinary_goodbye_is_not_a_farewell(message: str) -> None:
    assert level(message) == "routine"


def test_sepsis_is_an_infection_with_two_signs_of_the_body_failing() -> None:
    result = assess_message("my mom has a kidney infection, her heart is pounding and she has barely peed today")
    assert "emergency:sepsis" in result.flags


def test_breathing_hard_on_the_stairs_with_a_cold_is_not_sepsis() -> None:
    assert level("I have the flu and my heart races when I climb the stairs") != "emergency"


@pytest.mark.parametrize(
    "message",
    [
        "36 weeks pregnant, pounding headache and I keep seeing flashing lights",
        "I'm pregnant and my face and hands suddenly swelled up and my vision is blurry",
    ],
)
def test_pre_eclampsia_signs_together_are_an_emergency(message: str) -> None:
    assert "emergency:pregnancy" in assess_message(message).flags


# ----- suicide without the word ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "I'm up on the roof of the car park and I want to jump",
        "I keep thinking about stepping in front of a bus",
        "I have been stockpiling my sleeping pills so I can take them all at once",
        "I want to hang myself",
    ],
)
def test_means_and_places_of_suicide_are_emergencies_with_the_crisis_line(message: str) -> None:
    result = assess_message(message)
    assert "emergency:suicidal" in result.flags
    assert "988" in result.hotlines


@pytest.mark.parametrize(
    "message",
    [
        "thinking about jumping into the lake after my run, is cold water safe?",
        "I want to jump ship from this job",
        "I shot myself in the foot by missing that appointment",
    ],
)
def test_jumping_and_shooting_in_ordinary_talk_are_routine(message: str) -> None:
    assert level(message) == "routine"


# ----- children and medicine ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "my 2 yr old got into my bag and chewed some of my diabetes tablets",
        "toddler found the pills on the nightstand and swallowed a couple",
        "my son swallowed some of his grandad's heart pills",
        "my kid is 4 and she drank her brother's cough syrup",
    ],
)
def test_a_child_into_someone_elses_medicine_is_a_poisoning(message: str) -> None:
    result = assess_message(message)
    assert "emergency:poisoning" in result.flags
    assert POISON_CONTROL in result.hotlines


@pytest.mark.parametrize(
    "message",
    [
        "my 3 year old took her antibiotic without a fuss today",
        "how do I get my toddler to swallow pills?",
        "my daughter took some of my ibuprofen for her headache, is that ok?",
    ],
)
def test_a_childs_own_medicine_or_a_question_about_it_is_not_a_poisoning(message: str) -> None:
    assert level(message) != "emergency"


# ----- numbers --------------------------------------------------------------------------------------------


def test_a_seizure_of_five_minutes_or_more_is_an_emergency_even_with_epilepsy() -> None:
    assert level("my epileptic daughter has been jerking for 7 minutes") == "emergency"


@pytest.mark.parametrize(
    "message",
    ["my eyelid has been twitching for ten minutes", "I'm shaking and twitching from too much coffee"],
)
def test_twitches_and_tremors_are_not_seizures(message: str) -> None:
    assert level(message) != "emergency"


def test_a_meter_reading_counts_as_blood_sugar_when_the_message_is_about_diabetes() -> None:
    result = assess_message("she's type 1, her monitor shows 41 and she's sweaty")
    assert "emergency:severe_hypoglycemia" in result.flags
    assert level("the parking meter shows 41 minutes left") == "routine"


def test_a_sugar_too_high_to_read_with_vomiting_is_an_emergency() -> None:
    assert level("diabetic son, meter just says HI and he keeps throwing up") == "emergency"


def test_a_blood_pressure_with_a_slash_is_read() -> None:
    assert "urgent:high_blood_pressure" in assess_message("my bp is 190/118 this morning").flags


# ----- burns ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "spilled boiling water on my thigh and it is blistering really badly",
        "hot grease splashed into his face and it's blistering",
        "my 18 month old pulled hot soup onto her arm and the skin is peeling",
        "he grabbed a live electric cable and now he is confused",
    ],
)
def test_serious_burns_are_emergencies(message: str) -> None:
    assert "emergency:injury" in assess_message(message).flags


@pytest.mark.parametrize(
    "message",
    [
        "small burn on my thumb from the toaster, it's red",
        "my toddler touched the hot pan and has a small blister",
        "new hiking boots gave me big blisters on my heels",
    ],
)
def test_minor_burns_and_friction_blisters_are_not_emergencies(message: str) -> None:
    assert level(message) != "emergency"


# ----- urgent: see a clinician today ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "the skin around my splinter is red, hot and puffy",
        "my knee got swollen and warm and I have chills",
        "the stitches on my arm are oozing pus",
        "my 4 yo has a temp of 102 and keeps rubbing his ear",
        "fever and yellow spots on my tonsils",
        "a band of painful blisters wrapped around one side of my chest",
        "slipped on the stairs and I can't put any weight on my foot",
        "deep cut on my palm, the bleeding stopped but it is gaping",
        "my dog scratch is red and spreading up my leg",
        "fell off my scooter and my finger looks crooked",
    ],
)
def test_signs_that_need_a_clinician_today_are_urgent(message: str) -> None:
    assert level(message) == "urgent"


@pytest.mark.parametrize(
    "message",
    [
        "bonked my head on the shelf, no headache and no throwing up, just a little bump",
        "my son banged his head at soccer but he is acting normal",
        "the incision is not red and has no pus, is it healing?",
    ],
)
def test_reassuring_signs_keep_a_minor_injury_routine(message: str) -> None:
    assert level(message) == "routine"


# ----- who and when ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "watching a hospital drama where the surgeon collapses, is that realistic?",
        "the news said a cyclist was stabbed downtown, so scary",
        "I'm writing a mystery where the butler is poisoned with bleach",
        "in my dream I couldn't breathe",
        "my son is pretending his teddy is having a heart attack",
        "my dog is breathing fast and has a fever",
        "marathon runners collapse from the heat a lot, how do I stay safe?",
        "my uncle had a heart attack last month and is back home now",
    ],
)
def test_stories_news_animals_people_in_general_and_past_events_are_not_emergencies(message: str) -> None:
    assert level(message) != "emergency"


def test_an_old_event_with_now_in_another_clause_stays_in_the_past() -> None:
    assert level("my grandma had a stroke and now she is in rehab, can she eat grapefruit?") == "routine"


def test_someone_collapsing_in_front_of_the_patient_is_still_an_emergency() -> None:
    assert level("a woman on my bus collapsed and isn't breathing") == "emergency"


def test_an_emergency_that_was_over_yesterday_needs_the_care_team_today() -> None:
    assert level("my son had a seizure yesterday for the first time, he's fine now") == "urgent"


def test_an_emergency_that_came_back_is_an_emergency() -> None:
    assert level("had chest pain last night and it came back an hour ago") == "emergency"


def test_an_if_in_an_earlier_clause_does_not_make_a_stated_emergency_hypothetical() -> None:
    result = assess_message("I'll die if nobody helps me, my lips are swelling up after the peanuts")
    assert "emergency:anaphylaxis" in result.flags
    assert "988" not in result.hotlines


# ----- figures of speech ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "the new manager is choking the life out of our team",
        "i'm choking on all this homework lol",
        "drowning in emails today",
        "I was on fire at the gym today",
        "seizing the day and booking my checkup",
        "my face fell when I saw the pharmacy bill",
        "my mom is confused about her new insurance",
        "any tips for drowning prevention at the beach?",
        "I nearly had a stroke of happiness when the results came back clear",
    ],
)
def test_figures_of_speech_are_not_emergencies(message: str) -> None:
    assert level(message) != "emergency"


def test_fear_of_dying_is_not_a_wish_to_die() -> None:
    result = assess_message("I feel like I'm going to die, my chest is crushing")
    assert result.level == "emergency"
    assert result.hotlines == ("911",)


# ----- text -----------------------------------------------------------------------------------------------


def test_learners_past_tenses_and_texting_are_normalised() -> None:
    assert normalize("she drinked it n falled") == "she drank it and fell"
    assert normalize("bp 180/110") == "bp 180 over 110"


# ----- round 2: understatement, signs without names, doses repeated, fumes, late emergencies ---------------------


@pytest.mark.parametrize(
    "message",
    [
        "no big deal I think, but my chest has felt heavy for an hour and I'm clammy",
        "don't want to bother anyone, there's a strange tightness in my chest and I feel sick to my stomach",
        "tight chest + cold sweat. 60M.",
    ],
)
def test_vague_chest_discomfort_with_a_heart_attacks_companions_is_an_emergency(message: str) -> None:
    assert "emergency:chest_pain" in assess_message(message).flags


@pytest.mark.parametrize(
    "message",
    [
        "after the gym my chest feels tight and I'm sweaty",
        "I had a panic attack with a tight chest and sweating, I'm calm today",
        "my chest feels heavy with all this mucus and coughing, and I'm sweaty from the fever",
    ],
)
def test_chest_tightness_explained_by_a_workout_panic_or_a_cough_is_not_an_emergency(message: str) -> None:
    assert level(message) != "emergency"


def test_a_sign_named_then_denied_is_not_there() -> None:
    assert level("Chest pain? No. I only want to ask about my cholesterol.") == "routine"
    assert level("chest pain, no fever") == "emergency"


def test_a_dose_taken_again_and_again_with_harm_is_a_poisoning_emergency() -> None:
    result = assess_message("took my water pill at breakfast and then again at lunch, now I'm really dizzy and weak")
    assert result.level == "emergency"
    assert POISON_CONTROL in result.hotlines
    mild = assess_message("I think I took my thyroid pill twice this morning, I feel fine, no dizziness")
    assert mild.level == "urgent"


def test_a_twice_daily_regimen_is_not_an_extra_dose() -> None:
    assert level("I take my antibiotic twice a day with food") == "routine"


@pytest.mark.parametrize(
    "message",
    [
        "swallowed the rest of my pain pills because I want it all to stop",
        "I took everything in my pill box at once, I can't do this anymore",
    ],
)
def test_an_overdose_with_despair_gets_911_988_and_poison_control(message: str) -> None:
    result = assess_message(message)
    assert result.level == "emergency"
    assert {"911", "988", POISON_CONTROL} <= set(result.hotlines)


def test_street_drugs_with_signs_of_overdose_get_poison_control() -> None:
    result = assess_message("my brother snorted something and now he is barely breathing")
    assert result.level == "emergency" and POISON_CONTROL in result.hotlines


def test_fumes_from_mixed_cleaners_with_coughing_are_a_poisoning() -> None:
    result = assess_message("can vinegar and bleach make fumes? I mixed them and now I can't stop coughing")
    assert result.level == "emergency" and POISON_CONTROL in result.hotlines
    assert level("is it safe to mix vinegar and bleach for cleaning?") == "routine"


def test_carbon_monoxide_is_read_from_a_heater_and_several_people_unwell() -> None:
    result = assess_message("the kerosene heater has been on all night and we all have headaches and feel dizzy")
    assert result.level == "emergency" and POISON_CONTROL in result.hotlines
    assert level("should I buy a carbon monoxide detector for the gas stove?") == "routine"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("dad has a piece of meat stuck, he's holding his throat and no sound comes out", "emergency"),
        ("my toddler gags on lumpy food sometimes but then swallows it fine", "routine"),
    ],
)
def test_choking_is_read_from_its_signs(message: str, expected: str) -> None:
    assert level(message) == expected


def test_a_knock_to_the_head_with_the_warning_signs_ruled_out_is_routine() -> None:
    assert level("Banged my head on the shelf. No vomiting, didn't black out, not confused. Ice?") == "routine"
    assert level("banged head on the shelf, now the headache keeps getting worse and clear fluid from my nose") \
        == "emergency"


def test_a_long_lie_after_a_fall_is_an_emergency() -> None:
    assert level("my grandad fell in the hall and has been on the floor all night, he can't get up") == "emergency"


def test_fever_after_surgery_or_during_chemo_with_a_warning_sign_is_sepsis() -> None:
    assert level("had my appendix out 4 days ago, now a fever of 39 and my heart is racing") == "emergency"
    assert level("I'm having chemo and my temperature is 38.3") == "emergency"
    assert level("what are the signs of infection after surgery?") == "routine"


def test_a_baby_who_stops_breathing_and_goes_pale_is_an_emergency() -> None:
    assert level("my 6 week old keeps pausing her breathing and goes grey") == "emergency"


def test_an_emergency_told_late_in_a_long_message_is_found() -> None:
    message = ("Some background first: I moved house last month, the new GP surgery is slow and I still need my "
               "repeat prescriptions sorted. Anyway, an hour ago my wife's mouth started drooping on the left and "
               "she can't lift her left arm. Also, do you know how to transfer records?")
    assert level(message) == "emergency"


@pytest.mark.parametrize(
    "message",
    [
        "the neighbour's dog nipped my hand yesterday and broke the skin",
        "I've been out of my epilepsy medicine for two days",
        "I'm needing my reliever inhaler every 3 hours since yesterday",
    ],
)
def test_bites_missed_critical_medicines_and_reliever_overuse_are_urgent(message: str) -> None:
    assert level(message) == "urgent"


@pytest.mark.parametrize(
    "message",
    [
        "our cat nipped me playfully but didn't break the skin",
        "I ran out of my vitamin D last week",
        "I took my multivitamin twice by mistake",
    ],
)
def test_harmless_bites_doses_and_supplements_are_routine(message: str) -> None:
    assert level(message) == "routine"


@pytest.mark.parametrize(
    "message",
    [
        "say my toddler swallowed a magnet, would he need an x-ray?",
        "what if my son drank some bleach, what would happen?",
        "Could the acne pill my daughter takes cause suicidal thoughts?",
        "My reading group finished a novel set in a mining town. In one chapter the father is crushed in a "
        "collapse and bleeds to death. How were injuries treated back then?",
        "a friend told me he once took a whole bottle of pills in college; how do I support him?",
    ],
)
def test_questions_hypotheticals_stories_and_old_events_are_not_emergencies(message: str) -> None:
    assert level(message) != "emergency"


def test_a_problem_going_on_since_last_week_is_not_in_the_past() -> None:
    assert level("I've had chest pain since last week") == "urgent"
    assert level("I had chest pain last week") == "routine"


def test_someone_found_down_who_does_not_answer_is_an_emergency() -> None:
    assert level("my mum is lying on the kitchen floor, eyes open, and she won't respond to me") == "emergency"
    assert level("my teenage son won't answer me when I ask about school") == "routine"


def test_asking_whether_an_amount_already_taken_is_enough_gets_the_crisis_line() -> None:
    result = assess_message("would 30 of my sleeping pills be enough? I already took them")
    assert result.level == "emergency"
    assert {"988", POISON_CONTROL} <= set(result.hotlines)


# ----- round 3: understated and non-native emergencies, stories, idioms, training, settled events ------------


@pytest.mark.parametrize(
    "message",
    [
        "sorry, don't want to be dramatic, but my chest has been like in a clamp since I carried the boxes upstairs",
        "me no want to live more, tonight I finish my life",
        "my brother put a second pain patch on without peeling off the old one and his breathing is slow and shallow",
        "not sure if it's worth asking, I keep vomiting and it looks like coffee grounds, I'm very dizzy",
        "my wife is on insulin, missed lunch, now she's mumbling and the meter reads LO",
        "how do I start CPR, my uncle collapsed and I can't tell if he is breathing",
        "my 3 year old had a piece of hot dog in his mouth, now he is clawing at his throat and silent",
        "after the new antibiotic my tongue feels thick and there is a whistle when I breathe in",
        "32 weeks, so much blood coming out and strong pain low in my belly",
    ],
)
def test_understated_and_plainly_worded_emergencies_still_get_911(message: str) -> None:
    assert level(message) == "emergency"


def test_self_harm_with_a_tool_and_an_easier_for_everyone_goodbye_get_the_crisis_line() -> None:
    for message in ("my son is burning his wrist with a cigarette in his room right now",
                    "I have the gun in my lap, it would be easier for everyone if I just did it"):
        result = assess_message(message)
        assert result.level == "emergency"
        assert "988" in result.hotlines


@pytest.mark.parametrize(
    "message",
    [
        "binged new amsterdam last night, a patient coded and they shocked him, is that how it works?",
        "we watched that series where the dad gets shot and bleeds out, can you really lose that much blood?",
        "the school musical has a scene where the grandfather collapses and stops breathing, how do we fake it?",
        "in our D&D campaign my wizard got poisoned and collapsed, lol",
    ],
)
def test_a_scene_from_a_show_or_game_is_not_an_emergency(message: str) -> None:
    assert level(message) != "emergency"


@pytest.mark.parametrize(
    "message",
    [
        "I'm going to die if I have to sit through another budget meeting, anyway what helps tension headaches?",
        "can't breathe with all these deadlines lately, any tips for stress?",
    ],
)
def test_complaints_put_as_dying_or_not_breathing_are_figures_of_speech(message: str) -> None:
    assert level(message) == "routine"


@pytest.mark.parametrize(
    "message",
    [
        "I run the lifeguard training at our pool: spotting a drowning swimmer, rescue breaths, when to call 911. "
        "No one is hurt, it's just practice. What sunscreen holds up in water?",
        "I'm a nurse educator writing a handout on stroke warning signs like a drooping face and slurred speech",
        "for my paramedic exam, can you list overdose signs such as not breathing and blue lips",
        "at our first aid class we practised on a mannequin that was unresponsive",
    ],
)
def test_emergency_signs_listed_for_teaching_or_drills_are_not_emergencies(message: str) -> None:
    assert level(message) != "emergency"


def test_a_teacher_collapsing_in_class_is_still_an_emergency() -> None:
    assert level("during cpr class our instructor collapsed and he is not breathing, please help") == "emergency"


def test_an_old_event_settled_in_the_next_sentences_is_not_an_emergency_but_one_back_again_is() -> None:
    assert level("choked on a chicken bone at lunch on friday. coughed it up. all good now. tips?") != "emergency"
    assert level("had chest pain monday that went away but it is back now and worse, going into my arm") == \
        "emergency"


def test_a_red_painful_eye_in_a_contact_lens_wearer_is_urgent() -> None:
    assert level("my left eye is red and sore and I sleep in my contact lenses") == "urgent"
    assert level("what are contact lenses made of?") == "routine"


def test_vomiting_that_comes_back_up_and_little_urine_are_urgent() -> None:
    assert level("whenever I sip water it comes straight back up, since last night") == "urgent"
    assert level("I'm peeing much less than usual and it's dark") == "urgent"


def test_a_scene_named_by_its_show_keeps_its_subject_across_and() -> None:
    assert level("watching chicago med, the surgeon had a stroke and stopped breathing, is that possible?") != \
        "emergency"
    assert level("my pet sitter's son drank antifreeze from the shed, he is 3") == "emergency"
    assert level("the stress has me so I can't breathe emotionally, any journaling tips?") == "routine"


@pytest.mark.parametrize(
    "message",
    [
        "slipped with the power drill and the blood is pouring out of my hand",
        "my son fainted in his class and now he is not breathing properly",
        "I collapsed in the middle of my lecture and my chest is crushing",
    ],
)
def test_words_that_sound_like_teaching_do_not_hide_a_real_emergency(message: str) -> None:
    assert level(message) == "emergency"


def test_a_teacher_telling_of_a_student_collapsing_now_is_an_emergency() -> None:
    assert level("I'm a swim coach and one of my swimmers just collapsed on the deck and isn't breathing") == \
        "emergency"


def test_a_fall_then_lying_still_is_an_emergency_even_mid_message() -> None:
    message = ("Do you have info on vitamin D? Also my grandpa fell off the ladder, he is not moving. "
               "And what dose is normal for adults?")
    assert level(message) == "emergency"
