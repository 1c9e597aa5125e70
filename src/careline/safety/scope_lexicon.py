"""Words the scope, injection and privacy checks share: what names a medicine, a condition, a test result.

Medicines are recognised three ways, so a drug the library has never heard of still counts: everyday medicine
nouns ("pills", "inhaler", "blood thinner"), common brand names, and drug-shaped words (an uncommon word ending
like a generic name: "-pril", "-olol", "-statin", "-mycin"). Everyday words that happen to end that way
("protein", "cholesterol", "routine") are not medicines.
"""

from __future__ import annotations

import re
from functools import lru_cache

from careline.safety.text import is_common_word, word_set

MEDICINE_NOUN = (
    r"(?:medicines?|medications?|meds|med|pills?|tablets?|capsules?|drugs?|prescriptions?|antibiotics?|"
    r"antidepressants?|antihistamines?|antibiotic|steroids?|inhalers?|puffers?|insulin|statins?|shots?|injections?|"
    r"patch(?:es)?|creams?|ointments?|drops|vitamins?|supplements?|birth control|blood thinners?|water pills?|"
    r"painkillers?|pain killers?|pain relievers?|sleeping pills?|sleep aids?|chemo|chemotherapy|script|rx|"
    r"epi ?pens?|nasal spray|eye drops|ear drops|jabs?|opioids?|opiates?|benzos?|benzodiazepines?|"
    r"antipsychotics?|stimulants?|sedatives?|hormones?|hrt|ssris?|beta blockers?|ace inhibitors?|diuretics?|"
    r"anticoagulants?|nsaids?|antivirals?|anticonvulsants?|seizure meds|thyroid pills?)"
)
_MEDICINE_NOUN = re.compile(r"\b" + MEDICINE_NOUN + r"\b")
# Brand names patients use more often than the generic name, that do not end like one.
BRANDS = word_set(
    """
    advil motrin aleve tylenol zoloft prozac lexapro xanax valium ativan klonopin adderall ritalin vyvanse lipitor
    crestor zocor synthroid eliquis xarelto plavix coumadin lasix norvasc glucophage januvia ozempic wegovy
    mounjaro jardiance farxiga trulicity victoza humira lantus humalog novolog levemir prilosec nexium pepcid zantac
    tums flonase zyrtec claritin allegra benadryl sudafed mucinex ventolin proair symbicort advair singulair keflex
    cipro augmentin zithromax zpak bactrim flagyl valtrex tamiflu paxlovid suboxone narcan viagra cialis wellbutrin
    effexor cymbalta abilify seroquel lamictal depakote topamax neurontin lyrica flexeril ultram percocet vicodin
    norco oxycontin dilaudid imitrex fosamax premarin provera medrol toprol coreg diovan cozaar zestril prinivil
    tenormin aldactone entresto brilinta pradaxa protonix dexilant miralax dulcolax imodium pepto excedrin
    midol robitussin nyquil dayquil theraflu delsym epipen auvi descovy truvada biktarin depo nexplanon
    """
)
# Drug-name endings ("-pril", "-olol", "-statin") also end everyday words ("cholesterol", "protein", "routine"); a
# word that ends like a drug counts only when it is not everyday English, or is a medicine anyway.
_DRUG_ENDING = re.compile(r"[a-z]{3,}(?:in|ine|ol|ide|pril|artan|pam|lam|one|ate|ium|mab|fen|cin|xin|zole|tide|lin|"
                          r"zine|pine|done|tine|ex|ix|ax|ac|ar|as|ra)")
_EVERYDAY_MEDICINES = word_set(
    "aspirin insulin penicillin morphine estrogen testosterone iron magnesium calcium potassium melatonin codeine "
    "ibuprofen acetaminophen paracetamol antacid antacids vitamin folic zinc fluoride lithium methadone heparin "
    "cortisone hydrocortisone benzoyl niacin"
)


@lru_cache(maxsize=8192)
def is_medicine_word(word: str) -> bool:
    """A word that names a medicine: a medicine noun, a brand, or a drug-shaped uncommon word."""
    if word in BRANDS or word in _EVERYDAY_MEDICINES or _MEDICINE_NOUN.fullmatch(word):
        return True
    return bool(_DRUG_ENDING.fullmatch(word)) and not is_common_word(word)


def names_medicine(text: str) -> bool:
    """True when normalised text names a medicine anywhere ("my blood pressure pills", "the zoloft")."""
    return bool(_MEDICINE_NOUN.search(text)) or any(is_medicine_word(word) for word in text.split())


# What a diagnosis question names: a condition, an infection, an injury. Broad on purpose; the question shapes
# that use it ("is it X or Y", "could I have X") carry the rest of the meaning.
CONDITION = (
    r"(?:(?:\S+ )?(?:infection|disease|disorder|syndrome|cancer|tumou?r|virus|deficiency|intolerance|"
    r"fracture|injury|inflammation|reaction|allergy)|(?:heart|thyroid|kidney|liver|lung|skin|stomach|bowel|bladder|"
    r"prostate|hormone|hormonal|blood|nerve|sugar|mental health|memory|breathing) (?:problem|issue|condition)s?|"
    r"(?!(?:diagnos|prognos|mechan|organ|tour|critic|symptom|aroma|diploma|coma\b))[a-z]+(?:itis|osis|emia|aemia|oma|"
    r"pathy|algia|iasis|ism)|(?:pre ?)?diabetes|diabetic|covid(?: 19)?|"
    r"(?:the |a )?flu|influenza|(?:a |the |common )cold|strep(?: throat)?|shingles|measles|chicken ?pox|mumps|mono|"
    r"lupus|gout|warts?|dandruff|asthma|copd|adhd|autism|depression|depressed|anxiety|bipolar|ptsd|ocd|dementia|alzheimer\w*|"
    r"parkinson\w*|ms|ra|ibs|gerd|reflux|heartburn|an? uti|uti|std|sti|hiv|aids|herpes|hpv|chlamydia|gonorrhea|"
    r"syphilis|pneumonia|migraines?|(?:a )?tension headache|(?:a )?cluster headache|concussion|(?:a )?stroke|"
    r"(?:a )?heart attack|(?:a )?panic attack|sprain(?:ed)?|strain(?:ed)?|fractured|broken|torn|dislocated|"
    r"hernia|ulcer|kidney stones?|gall ?stones?|sleep apnea|apnea|insomnia|eczema|psoriasis|rosacea|acne|hives|"
    r"scabies|lice|ringworm|pink ?eye|sciatica|vertigo|tinnitus|celiac|crohn\w*|food poisoning|(?:a )?stomach bug|"
    r"norovirus|rsv|whooping cough|tb|lyme|impetigo|(?:a )?cyst|(?:a )?blood clot|dvt|preeclampsia|pregnant|"
    r"menopause|perimenopause|pcos|hypertension|high blood pressure|low blood pressure|high cholesterol|a ?fib|"
    r"heart failure|angina|fatty liver|wear and tear|carpal tunnel|fibromyalgia|long covid|allergies|allergic|"
    r"(?:a )?virus|viral|bacterial|sepsis|dehydrated|dehydration|(?:a )?pulled muscle|(?:a )?pinched nerve|"
    r"(?:a )?(?:bladder|ear|sinus|yeast|chest|kidney|eye|skin|throat|tooth) infection|anemic|anaemic|a tumor|croup|"
    r"thrush|roseola|scarlet fever|fifth disease|hand foot and mouth|(?:bell )?palsy|fibroids|polyps|hemorrhoids|"
    r"piles|varicose veins|tennis elbow|frozen shoulder|shin splints|colic|jaundice|cradle cap|heat ?stroke|"
    r"heat exhaustion|frostbite|hypothermia|anaphylaxis|(?:low|high) blood sugar|low iron|obesity|narcolepsy|"
    r"restless legs|dyslexia|schizophrenia|burnout|(?:a )?seizure|epilepsy|cataracts?|macular degeneration|"
    r"(?:an )?aneurysm|(?:a )?heart murmur|arrhythmia|(?:a )?cold sore|(?:a )?canker sore|(?:a )?stye)"
)

# Symptoms a patient describes before asking what they have: "white patches in her mouth, is it thrush?"
SYMPTOMS = re.compile(
    r"\b(?:pain\w*|hurts?|hurting|ache|aches|aching|achy|rash\w*|fever\w*|cough\w*|swollen|swelling|itch\w*|sore|"
    r"bumps?|lumps?|spots?|patch(?:es)?|red|redness|bleed\w*|dizz\w*|nause\w*|vomit\w*|throwing up|diarrh\w*|"
    r"tired|fatigue\w*|exhausted|headaches?|sneez\w*|wheez\w*|runny|stuffy|congest\w*|burn\w*|numb\w*|tingl\w*|"
    r"cramp\w*|bloat\w*|blister\w*|discharge|stiff\w*|sweat\w*|chills|throbbing|tender|bruis\w*|lesions?|pus|"
    r"peeling|flaky|scaly|crusty|short of breath|breathless|palpitations|weak\w*|lethargic|fussy|symptoms?|"
    r"sick|unwell|ill|feel(?:ing)? (?:off|awful|terrible|bad)|pins and needles|peeing|thirsty|losing weight|"
    r"white|yellow|green|purple|black|dark|cry\w*|pull\w* at|rubbing|scratch\w*|snor\w*|shak\w*|trembl\w*|"
    r"forget\w*|confus\w*|losing|lost (?:weight|hair|my appetite)|gain\w* weight|(?:feel|always|so) cold|"
    r"(?:cannot|can not|trouble|hard to) (?:sleep|breathe|focus|concentrate|swallow)|droop\w*|heartburn|reflux|"
    r"stuck|swallow\w*|slurr\w*|blurr\w*|ring\w* in|short of breath|breathless\w*|wheez\w*)\b"
)
