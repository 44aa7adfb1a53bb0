"""Actor and target constructions of the events stage, on sentences written for
these tests (one or two per construction)."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.doc import Doc, Metadata
from marsad.events import LAYER, event_record
from marsad.pipeline import default_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return default_pipeline()


def one(pipeline, text: str, event_type: str) -> dict[str, Any]:
    doc = pipeline(Doc(text, meta=Metadata(date="2021-03-10")))
    found = [event_record(s) for s in doc.spans(LAYER) if s.label == event_type]
    assert found, f"no {event_type} in {text!r}"
    return found[0]


def role_text(event: dict[str, Any], role: str) -> str | None:
    return event[role]["text"] if event[role] else None


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "target"),
    [
        # a quantity head and the noun it counts are one argument (عدد من، بعض)
        ("وتظاهر عدد من الطلاب أمام البرلمان.", "PROTEST", "عدد من الطلاب", None),
        ("أطلق بعض المسلحين النار على دورية للشرطة.", "ASSAULT", "بعض المسلحين", "دورية"),
        # ... and after a killing verb such a count is its victim
        ("قتل أحد الحراس في هجوم على المصرف.", "ASSAULT", None, "أحد الحراس"),
        # نحو before a count is "about", not "towards"; the counted noun after a verb
        # without an object is its subject
        ("وتظاهر نحو 40 مهندسا أمام النقابة أمس.", "PROTEST", "مهندسا", None),
        ("اعتصم نحو 300 عامل أمام المصنع.", "PROTEST", "عامل", None),
        # a partitive past the adjectives of the part: the force named after من acts
        (
            "وكانت قوة خاصة من الجيش الأردني قد قتلت ثلاثة من المطلوبين.",
            "ASSAULT",
            "الجيش الأردني",
            "المطلوبين",
        ),
        # كان + subject + قد + verb, past an apposition that no comma closes
        (
            "وكانت قوات الأمن، التابعة لوزارة الداخلية قد اعتقلت عشرات الطلاب.",
            "COERCE",
            "قوات الأمن",
            "عشرات الطلاب",
        ),
        # ... and without قد, a subject with a name the entity stage does not know
        ("وكان أنصار الطرابلسي اقتحموا مركز الشرطة.", "COERCE", "أنصار", "مركز الشرطة"),
        # a verb with a plural suffix before a count is active; a sound masculine plural
        # and a feminine singular are two arguments (المسلحون القرية)
        ("اقتحم المسلحون القرية وقتلوا 12 شخصا.", "ASSAULT", "المسلحون", "شخصا"),
        ("اقتحم المسلحون القرية وقتلوا 12 شخصا.", "COERCE", "المسلحون", "القرية"),
        # a kind of place in ـية is no adjective
        ("قصفت الطائرات القرية الجبلية وقتلت 12 شخصا.", "ASSAULT", "الطائرات", "القرية الجبلية"),
        # an event noun before a verb is its subject: the noun after it is the object, and
        # the coordinated verb does not take it as subject
        (
            "قال مصدر إن هجمات استهدفت الجيش في شمال البلاد وخطفوا 20 جنديا.",
            "ASSAULT",
            None,
            "الجيش",
        ),
        # time words and counts inside an expression do not count in its gap
        (
            "وقال شهود إن الطائرات الحربية أطلقت صباح أمس خمسة صواريخ على المعسكر.",
            "ASSAULT",
            "الطائرات الحربية",
            "المعسكر",
        ),
        # control verbs whose verbal noun follows في (نجح، شارك), also for killing
        (
            "وقالوا إن الجيش نجح في قتل العشرات من المسلحين قرب الحدود.",
            "ASSAULT",
            "الجيش",
            "العشرات من المسلحين",
        ),
        ("وشارك آلاف العمال في الإضراب الذي دعت إليه النقابات.", "PROTEST", "آلاف العمال", None),
        # an admission is a report and a claim: the pronoun after أن is who admits
        ("واعترف الجيش أنه قصف المستشفى عن طريق الخطأ في المدينة.", "ASSAULT", "الجيش", "المستشفى"),
        # a dateline and its agency before a colon are no subject
        ("القاهرة ـ رويترز: خرج الآلاف في مسيرة وسط العاصمة.", "PROTEST", "الآلاف", None),
    ],
)
def test_role_constructions(pipeline, text, event_type, actor, target):
    event = one(pipeline, text, event_type)
    assert role_text(event, "actor") == actor
    assert role_text(event, "target") == target


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "target"),
    [
        # a verb form right after a trigger verb and its subject is a verbal noun, its object:
        # its genitive acts on the ل-object
        (
            "استنكرت الحكومة قصف الجيش للأحياء السكنية في المدينة.",
            "ASSAULT",
            "الجيش",
            "أحياء السكنية",
        ),
        ("استنكرت الحكومة قصف الجيش للأحياء السكنية في المدينة.", "ACCUSE", "الحكومة", None),
        # the subject of another event's verb is not the actor of its object
        ("أدانت مصر قصف المدينة أمس في بيان رسمي صدر عن وزارة الخارجية.", "ASSAULT", None, None),
        ("دعت مصر إلى اجتماع طارئ لوزراء الخارجية العرب.", "CONSULT", None, None),
        # ... unless the verb passes it on (subject_acts in roles.tsv)
        ("دعا حزب الوفد إلى الإضراب العام في كل المحافظات.", "PROTEST", "حزب الوفد", None),
    ],
)
def test_object_of_another_event(pipeline, text, event_type, actor, target):
    event = one(pipeline, text, event_type)
    assert role_text(event, "actor") == actor
    assert role_text(event, "target") == target


def test_support_with_an_adjective_before_min(pipeline):
    text = "تقدمت القوات العراقية بإسناد جوي من التحالف الدولي نحو مدينة الموصل."
    event = one(pipeline, text, "SUPPORT")
    assert role_text(event, "actor") == "التحالف الدولي"
    assert role_text(event, "target") == "القوات العراقية"


def test_tear_gas_is_no_assault_and_who_fires_it_is_no_protester(pipeline):
    text = "وأطلقت الشرطة عبوات الغاز المسيل للدموع والقنابل الصوتية على الحشود في الساحة."
    doc = pipeline(Doc(text, meta=Metadata(date="2021-03-10")))
    assert not [s for s in doc.spans(LAYER) if s.label == "ASSAULT"]
    assert role_text(one(pipeline, text, "PROTEST"), "actor") is None
    # a control verb with على keeps its subject as the protester
    text = "وأصر الطلاب على التظاهر أمام الوزارة رغم منع السلطات."
    assert role_text(one(pipeline, text, "PROTEST"), "actor") == "الطلاب"


def test_hollow_verb_passive_and_a_time_of_day_date(pipeline):
    doc = pipeline(
        Doc(
            "اغتيل قيادي في الفصيل مساء الأربعاء في بغداد.",
            meta=Metadata(date="2023-11-02"),  # a Thursday
        )
    )
    event = next(event_record(s) for s in doc.spans(LAYER) if s.label == "ASSAULT")
    assert role_text(event, "target") == "قيادي"
    assert event["date"] == "2023-11-01"  # the Wednesday before, from مساء الأربعاء


@pytest.mark.parametrize(
    "text, event_type, target",
    [
        ("قصف الجيش، صباح اليوم، مواقع قوات الدعم السريع.", "ASSAULT", "مواقع قوات الدعم السريع"),
        ("سيطرت الفصائل، أمس الأحد، على مدينة قندهار.", "SEIZE", "مدينة قندهار"),
    ],
)
def test_a_date_between_commas_is_an_aside(pipeline, text, event_type, target):
    assert role_text(one(pipeline, text, event_type), "target") == target


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "target"),
    [
        # a construct (إضافة): an indefinite common noun and its definite genitive
        ("قصفت المدفعية مواقع المتمردين قرب الحدود.", "ASSAULT", "المدفعية", "مواقع المتمردين"),
        ("داهمت الشرطة مخازن الباعة في السوق.", "COERCE", "الشرطة", "مخازن الباعة"),
        # ... and the adjective of the genitive
        ("اقتحمت الشرطة مقرات الأحزاب اليسارية أمس.", "COERCE", "الشرطة", "مقرات الأحزاب اليسارية"),
        # a group genitive of a subject (عناصر التنظيم)
        ("وتظاهر أنصار الحزب أمام مبنى المحافظة.", "PROTEST", "أنصار الحزب", None),
        # not over a time word, a preposition or a conjunction
        ("اعتقلت الشرطة سائقين الليلة الماضية.", "COERCE", "الشرطة", "سائقين"),
        ("اعتقلت الشرطة شابا اليوم في المدينة.", "COERCE", "الشرطة", "شابا"),
        ("داهمت الشرطة مخازن بالمدينة القديمة.", "COERCE", "الشرطة", "مخازن"),
        # a singular attacker noun after the verb is its subject, the definite noun its object
        ("هاجم مسلح المسجد في المدينة أمس.", "ASSAULT", "مسلح", "المسجد"),
        # a verb followed by an event noun of its type: the event is the subject (VSO)
        ("استهدفت الغارات منازل القرويين في الوادي.", "ASSAULT", None, "منازل القرويين"),
        (
            "استهدفت غارات التحالف مستودعات التنظيم في الصحراء.",
            "ASSAULT",
            "التحالف",
            "مستودعات التنظيم",
        ),
    ],
)
def test_construct_phrases(pipeline, text, event_type, actor, target):
    event = one(pipeline, text, event_type)
    assert role_text(event, "actor") == actor
    assert role_text(event, "target") == target


def events_of(pipeline, text: str) -> list[dict[str, Any]]:
    doc = pipeline(Doc(text, meta=Metadata(date="2021-03-10")))
    return [event_record(s) for s in doc.spans(LAYER)]


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "target"),
    [
        # a verb and its verbal noun of the same type as object are one event
        ("استعاد الجيش السيطرة على بلدة القصير.", "SEIZE", "الجيش", "بلدة القصير"),
        ("استعادت الشرطة السيطرة على السجن المركزي.", "SEIZE", "الشرطة", "السجن المركزي"),
        # ... and so are a verbal noun and its genitive of the same type
        ("وأعلن المتحدث الانتصار بعد استعادة السيطرة على المرتفعات.", "SEIZE", None, "المرتفعات"),
    ],
)
def test_verb_and_verbal_noun_of_one_type_are_one_event(pipeline, text, event_type, actor, target):
    found = [e for e in events_of(pipeline, text) if e["type"] == event_type]
    assert len(found) == 1
    assert role_text(found[0], "actor") == actor
    assert role_text(found[0], "target") == target


@pytest.mark.parametrize(
    ("text", "event_type", "target"),
    [
        # an expression ending in a preposition or a noun in construct takes the argument
        # after it, also when its first word has the article
        ("وأكد المتحدث السيطرة على المرتفعات المحيطة بالبلدة.", "SEIZE", "المرتفعات"),
        ("وطالبت المنظمة بالإفراج عن المعتقلين فورا.", "RETREAT", "المعتقلين"),
        ("وأعلنت الوزارة إطلاق سراح الرهائن أمس.", "RETREAT", "الرهائن"),
    ],
)
def test_expressions_that_govern_their_target(pipeline, text, event_type, target):
    assert role_text(one(pipeline, text, event_type), "target") == target


@pytest.mark.parametrize(
    ("text", "event_type", "actor"),
    [
        # the adjective of an international body names it, as a nationality names a country
        ("ووصلت مساعدات أممية إلى المخيمات الحدودية.", "AID", "أممية"),
        ("ودخلت قافلة المساعدات الأممية إلى البلدة المحاصرة.", "AID", "الأممية"),
        ("وقصفت قوات أممية مواقع المتمردين شرقي البلاد.", "ASSAULT", "قوات أممية"),
        ("وحذرت وكالات أممية من تفشي الأوبئة في المخيمات.", "THREATEN", "وكالات أممية"),
    ],
)
def test_adjectives_of_international_bodies(pipeline, text, event_type, actor):
    event = one(pipeline, text, event_type)
    assert role_text(event, "actor") == actor
    assert event["actor"]["id"] == "org:un"


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        # بحث (discussed) is a meeting with a party after مع, or with a subject of two sides
        ("وبحث رئيس الوزراء مع نظيره المغربي ملفات التعاون.", "رئيس الوزراء", "نظيره"),
        ("وبحث الطرفان آليات تنفيذ الاتفاقية التجارية.", "الطرفان", None),
    ],
)
def test_discussed_with_a_party_is_a_meeting(pipeline, text, actor, target):
    event = one(pipeline, text, "CONSULT")
    assert role_text(event, "actor") == actor
    assert role_text(event, "target") == target


@pytest.mark.parametrize(
    "text",
    [
        # searching, a topic without a party, a purpose with ل: no meeting
        "يبحث رجال الإنقاذ عن المفقودين تحت الأنقاض.",
        "وبحث مجلس الإدارة الميزانية السنوية للشركة.",
        "عقدت اللجنة جلستها لبحث الميزانية مع الخبراء.",
        # received: not coded (its object is as often passengers, cases or patients)
        "يستقبل المنفذ المسافرين القادمين من الجنوب.",
    ],
)
def test_no_meeting_without_a_party(pipeline, text):
    assert not [e for e in events_of(pipeline, text) if e["type"] == "CONSULT"]


@pytest.mark.parametrize(
    "text",
    ["وأصيب الوزير بفيروس كورونا وخضع للعزل.", "سجلت الوزارة 116 إصابة جديدة بفيروس كورونا."],
)
def test_an_infection_is_no_assault(pipeline, text):
    doc = pipeline(Doc(text, meta=Metadata(date="2021-03-10")))
    assert [s for s in doc.spans(LAYER) if s.label == "ASSAULT"] == []


def test_managed_to_passes_its_subject_to_the_verbal_noun(pipeline):
    event = one(pipeline, "وتمكنت قوات الأمن في المنطقة من اعتقال ثلاثة مطلوبين.", "COERCE")
    assert role_text(event, "actor") == "قوات الأمن"


# --- attacks undergone, shot down, warned of; territory liberated; hollow jussives -------


@pytest.mark.parametrize(
    ("text", "mode", "actor", "target"),
    [
        # the subject of تعرض undergoes the attack noun after ل; "من X" after the noun
        # and its adjectives is the attacker; the adjective (صاروخي) is no role
        (
            "تعرضت مدينة حماة لقصف صاروخي كثيف من قوات النظام.",
            "shelling",
            "قوات النظام",
            "مدينة حماة",
        ),
        ("تعرض المخيم لهجوم عنيف من مسلحين مجهولين.", "attack", "مسلحين مجهولين", "المخيم"),
        (
            "تتعرض القرى الحدودية منذ أيام لغارات جوية من طائرات التحالف.",
            "aerial",
            "طائرات التحالف",
            "القرى الحدودية",
        ),
        ("وكانت القافلة تعرضت أمس لكمين نصبه مسلحون.", "attack", "مسلحون", "القافلة"),
    ],
)
def test_an_attack_undergone_and_its_attacker_after_min(pipeline, text, mode, actor, target):
    event = one(pipeline, text, "ASSAULT")
    assert event["mode"] == mode
    assert role_text(event, "actor") == actor
    assert role_text(event, "target") == target


def test_an_adjective_after_an_attack_noun_is_no_role(pipeline):
    event = one(pipeline, "وأدى القصف إلى دمار واسع بعد قصف مدفعي استمر ساعات.", "ASSAULT")
    assert role_text(event, "target") != "مدفعي"
    assert role_text(event, "actor") != "مدفعي"


@pytest.mark.parametrize(
    ("text", "negated", "intended"),
    [
        # the modality of تعرض reaches the attack it governs
        ("لم تتعرض البلدة لقصف مدفعي أمس.", True, False),
        ("ستتعرض المدينة لقصف عنيف إن لم تنسحب الفصائل.", False, True),
    ],
)
def test_the_modality_of_an_undergoing_verb(pipeline, text, negated, intended):
    event = one(pipeline, text, "ASSAULT")
    assert (event["negated"], event["intended"]) == (negated, intended)


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        # أسقط (shot down) an aircraft: the aircraft is the target, and a drone named as
        # its object is no air strike of its own
        (
            "أسقطت الدفاعات الجوية التركية طائرة مسيرة قرب الحدود.",
            "الدفاعات الجوية التركية",
            "طائرة مسيرة",
        ),
        ("أسقط الجيش طائرة تركية مسيرة شمالي البلاد.", "الجيش", "طائرة تركية مسيرة"),
        ("أُسقطت طائرتان مسيرتان فوق القاعدة الجوية.", None, "طائرتان مسيرتان"),
        ("وأعلن الجيش الأردني إسقاط طائرة مسيرة قرب الحدود.", "الجيش الأردني", "طائرة مسيرة"),
    ],
)
def test_an_aircraft_shot_down(pipeline, text, actor, target):
    found = events_of(pipeline, text)
    assert [e["type"] for e in found] == ["ASSAULT"], found
    assert found[0]["mode"] == "shoot-down"
    assert role_text(found[0], "actor") == actor
    assert role_text(found[0], "target") == target


@pytest.mark.parametrize(
    "text",
    [
        # أسقط without an aircraft drops a case, a government, a nationality: no assault
        "أسقطت المحكمة الدعوى المرفوعة ضد الصحفي.",
        "يطالب المحتجون بإسقاط الحكومة.",
    ],
)
def test_dropping_what_is_no_aircraft_is_no_assault(pipeline, text):
    assert not [e for e in events_of(pipeline, text) if e["type"] == "ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        # "any attack" (أي، أية) names no attack that happened
        "حذرت الخارجية الروسية واشنطن من أي اعتداء على سفارتها.",
        "وندد البيان بأية غارة تستهدف المدنيين.",
    ],
)
def test_any_attack_is_no_event(pipeline, text):
    assert not [e for e in events_of(pipeline, text) if e["type"] == "ASSAULT"]
    assert [e for e in events_of(pipeline, text) if e["type"] in ("THREATEN", "ACCUSE")]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # the attack a threat or a warning is about has not happened: intended; who warns
        # of it does not make it, who threatens it does
        ("حذر الأمين العام من هجوم وشيك على المخيم.", None),
        ("هدد المسلحون بقصف المطار.", "المسلحون"),
    ],
)
def test_a_threatened_or_warned_of_attack_is_intended(pipeline, text, actor):
    event = one(pipeline, text, "ASSAULT")
    assert event["intended"] is True
    assert role_text(event, "actor") == actor


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        # حرر / تحرير (liberate) a place takes it; "من X" is who lost it, no role
        ("حررت القوات العراقية مدينة الرمادي من قبضة التنظيم.", "القوات العراقية", "مدينة الرمادي"),
        ("وأعلن الجيش اللبناني تحرير بلدة عرسال من المسلحين.", "الجيش اللبناني", "بلدة عرسال"),
        ("حُررت القرية بعد معارك استمرت أسبوعين.", None, "القرية"),
    ],
)
def test_liberating_a_place_is_seizing_it(pipeline, text, actor, target):
    event = one(pipeline, text, "SEIZE")
    assert role_text(event, "actor") == actor
    assert role_text(event, "target") == target


@pytest.mark.parametrize(
    "text",
    [
        # freeing people, writing a ticket, a square's name, regaining fitness: no territory
        "تمكنت الشرطة من تحرير الرهائن.",
        "حرر الشرطي مخالفة مرورية للسائق.",
        "قال رئيس تحرير الصحيفة إن المقال حذف.",
        "تظاهر الآلاف في ساحة التحرير ببغداد.",
        "استعاد اللاعب لياقته بعد غياب طويل.",
        "لم تستعد الحكومة للانتخابات.",
    ],
)
def test_no_territory_no_seizure(pipeline, text):
    assert not [e for e in events_of(pipeline, text) if e["type"] == "SEIZE"]


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "target"),
    [
        # the jussive of a hollow verb after لم (يستعيد → لم يستعد، يزور → لم يزر)
        ("لم يستعد المتمردون السيطرة على البلدة حتى الآن.", "SEIZE", "المتمردون", "البلدة"),
        (
            "لم تستعد القوات الحكومية القرية التي خسرتها في الربيع.",
            "SEIZE",
            "القوات الحكومية",
            "القرية",
        ),
        ("لم يزر الرئيس العراق منذ سنوات.", "CONSULT", "الرئيس", "العراق"),
        # the negation of a light or control verb reaches its verbal noun
        ("لم تقم الشرطة باعتقال المتظاهرين.", "COERCE", "الشرطة", "المتظاهرين"),
        ("لم تتمكن القوات من استعادة السيطرة على الجسر.", "SEIZE", "القوات", "الجسر"),
    ],
)
def test_negated_through_a_jussive_or_a_governing_verb(pipeline, text, event_type, actor, target):
    found = [e for e in events_of(pipeline, text) if e["type"] == event_type]
    assert len(found) == 1, found
    assert found[0]["negated"] is True
    assert found[0]["intended"] is False
    assert role_text(found[0], "actor") == actor
    assert role_text(found[0], "target") == target


def test_ending_a_sit_in_is_not_negating_it(pipeline):
    # a phase verb (أنهى, jussive ينه) negated: the sit-in goes on
    event = one(pipeline, "لم ينه المعلمون الاعتصام المفتوح أمام الوزارة.", "PROTEST")
    assert role_text(event, "actor") == "المعلمون"
    assert event["negated"] is False
