"""The events stage on sentences written for these tests: one per construction."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.doc import Doc, Metadata
from marsad.events import LAYER, add_events, event_record
from marsad.events.export import acled_row, acled_type, plover_record
from marsad.events.lexicon import conjugate, triggers
from marsad.pipeline import default_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return default_pipeline()


def events(pipeline, text: str, date: str | None = "2021-03-10") -> list[dict[str, Any]]:
    doc = pipeline(Doc(text, meta=Metadata(date=date)))
    return [event_record(span) for span in doc.spans(LAYER)]


def one(pipeline, text: str, event_type: str, date: str | None = "2021-03-10") -> dict[str, Any]:
    found = [e for e in events(pipeline, text, date) if e["type"] == event_type]
    assert found, f"no {event_type} in {text!r}: {events(pipeline, text, date)}"
    return found[0]


def role_text(event: dict[str, Any], role: str) -> str | None:
    return event[role]["text"] if event[role] else None


def test_conjugation_covers_persons_and_tenses():
    forms = conjugate("اعتقل", "يعتقل")
    assert {"اعتقل", "اعتقلت", "اعتقلوا", "يعتقل", "تعتقل", "يعتقلون"} <= forms


def test_lexicon_is_data():
    lexicon = triggers()
    assert any(r.type == "ASSAULT" for r in lexicon.words["قتل"])
    assert "ضربه" in lexicon.phrases  # ضربة جوية, normalised


def test_active_verb_subject_after_and_object(pipeline):
    event = one(pipeline, "قصفت القوات التركية قرية في ريف حلب الشمالي أمس.", "ASSAULT")
    assert event["mode"] == "shelling"
    assert role_text(event, "actor") == "القوات التركية"
    assert event["actor"]["id"] == "org:tr_armed_forces"


def test_subject_before_verb(pipeline):
    event = one(pipeline, "وقال المرصد إن الجيش التركي استهدف مواقع في ريف الرقة.", "ASSAULT")
    assert "التركي" in role_text(event, "actor")


def test_passive_killing_takes_the_victims_as_target(pipeline):
    event = one(pipeline, "قتل 12 مدنيا في قصف على بلدة في ريف إدلب.", "ASSAULT")
    assert event["actor"] is None or "مدني" not in role_text(event, "actor")
    assert event["fatalities"] == 12


def test_marked_passive_with_damma(pipeline):
    event = one(pipeline, "قُتل ثلاثة عناصر من الشرطة في هجوم قرب بغداد.", "ASSAULT")
    assert event["fatalities"] == 3
    assert "عناصر" in (role_text(event, "target") or "")


def test_fatalities_in_words_and_arabic_indic_digits(pipeline):
    assert one(pipeline, "أسفر الانفجار عن مقتل سبعة أشخاص.", "ASSAULT")["fatalities"] == 7
    assert one(pipeline, "أسفر الانفجار عن مقتل ١٥ شخصا.", "ASSAULT")["fatalities"] == 15
    assert one(pipeline, "أوقع الهجوم 20 قتيلا في المدينة.", "ASSAULT")["fatalities"] == 20


def test_target_after_preposition(pipeline):
    event = one(pipeline, "شن تنظيم داعش هجوما ضد قوات سوريا الديمقراطية.", "ASSAULT")
    assert event["actor"]["id"] == "org:isis"
    assert event["target"]["id"] == "org:sdf"


def test_abuse_against_people_with_bihaqq(pipeline):
    event = one(pipeline, "نفذت قوات الأمن حملة اعتقالات بحق ناشطين في درعا.", "COERCE")
    assert "ناشطين" in role_text(event, "target")


def test_agent_after_supported_by(pipeline):
    text = "تنفذ قوات سوريا الديمقراطية بدعم من التحالف الدولي عمليات في دير الزور."
    event = one(pipeline, text, "SUPPORT")
    assert event["actor"]["id"] == "org:cjtf_oir"
    assert event["target"]["id"] == "org:sdf"


def test_air_strike_takes_the_coalition_named_nearby(pipeline):
    text = "أعلن التحالف الدولي مقتل قيادي في تنظيم داعش بضربة جوية قرب مدينة الرقة."
    event = one(pipeline, text, "ASSAULT")
    assert event["mode"] == "aerial"
    assert event["actor"]["id"] == "org:cjtf_oir"
    assert event["fatalities"] == 1


def test_negation(pipeline):
    assert one(pipeline, "لم تقصف الطائرات الروسية المدينة.", "ASSAULT")["negated"] is True
    assert one(pipeline, "قصفت الطائرات الروسية المدينة.", "ASSAULT")["negated"] is False


def test_denial_negates(pipeline):
    assert one(pipeline, "نفى الجيش اعتقال الصحفي في حمص.", "COERCE")["negated"] is True


def test_still_is_not_a_negation(pipeline):
    event = one(pipeline, "قال إن القوات التركية لا تزال تستهدف القرى.", "ASSAULT")
    assert event["negated"] is False
    assert event["actor"]["id"] == "org:tr_armed_forces"


def test_future_and_commitment_are_intended(pipeline):
    assert one(pipeline, "سيقدم الاتحاد الأوروبي مساعدات إنسانية للاجئين.", "AID")["intended"]
    assert one(pipeline, "تعهدت الحكومة بتقديم الدعم للمزارعين.", "AID")["intended"]
    assert one(pipeline, "يعتزم الجيش الانسحاب من المدينة.", "RETREAT")["intended"]
    assert not one(pipeline, "انسحب الجيش من المدينة بعد معارك عنيفة.", "RETREAT")["intended"]


def test_agreement_violation(pipeline):
    event = one(pipeline, "وأشار إلى أن تركيا لم تلتزم بوقف إطلاق النار.", "AGREE")
    assert event["negated"] and event["violated"]
    assert event["actor"]["id"] == "gpe:TR"
    breach = one(pipeline, "اتهم المرصد النظام بخرق الهدنة في إدلب.", "AGREE")
    assert breach["violated"] and not breach["negated"]


def test_reported_claim_carries_its_quote(pipeline):
    text = "وقال المتحدث باسم الشرطة إن قوات الأمن اعتقلت خمسة مشتبه بهم في الموصل."
    doc = pipeline(Doc(text, meta=Metadata(date="2021-03-10")))
    event = next(event_record(s) for s in doc.spans(LAYER) if s.label == "COERCE")
    if not doc.spans("quotes"):
        pytest.skip("the quotes stage found no quote here")
    quote = doc.spans("quotes")[event["quote"]]
    assert quote.start <= event["trigger"][0] < quote.end


def test_without_quote_and_date_layers(pipeline):
    doc = default_pipeline(["clean", "language", "sentences", "entities"])(
        Doc("اعتقلت الشرطة ثلاثة أشخاص في حلب.", meta=Metadata(date="2021-05-02"))
    )
    add_events(doc)
    event = event_record(doc.spans(LAYER)[0])
    assert event["quote"] is None
    assert event["date"] == "2021-05-02"


def test_date_from_sentence_else_article_else_null(pipeline):
    text = "قصفت الطائرات بلدة سراقب في 3 آذار/ مارس 2020."
    assert one(pipeline, text, "ASSAULT")["date"] == "2020-03-03"
    plain = "قصفت الطائرات بلدة سراقب."
    assert one(pipeline, plain, "ASSAULT", "2021-01-05")["date"] == "2021-01-05"
    assert one(pipeline, plain, "ASSAULT", None)["date"] is None


def test_date_of_an_event_lasting_since_a_count_is_when_it_began(pipeline):
    text = "يواصل المحتجون التظاهر في ساحة التحرير منذ ثلاثة أيام."
    assert one(pipeline, text, "PROTEST", "2021-03-10")["date"] == "2021-03-07"
    lasting = "تظاهر المحتجون في ساحة التحرير لمدة ثلاثة أيام."
    assert one(pipeline, lasting, "PROTEST", "2021-03-10")["date"] == "2021-03-10"


def test_place_precision(pipeline):
    town = one(pipeline, "قصفت الطائرات بلدة سراقب.", "ASSAULT")["place"]
    assert town["id"] == "loc:sy_saraqib" and town["precision"] == 1
    assert town["lat"] is not None and town["lon"] is not None
    country = one(pipeline, "اندلعت احتجاجات في العراق.", "PROTEST")["place"]
    assert country["id"] == "gpe:IQ" and country["precision"] == 4


def test_place_without_coordinates_uses_the_town_named_next_to_it(pipeline):
    place = one(pipeline, "قصفت الطائرات قرية باريشا شمالي إدلب.", "ASSAULT")["place"]
    assert place["id"] == "loc:sy_barisha"
    assert place["precision"] == 2 and place["lat"] is not None


def test_protest_with_participant_noun(pipeline):
    event = one(pipeline, "خرج آلاف المتظاهرين في شوارع بيروت.", "PROTEST")
    assert "المتظاهرين" in role_text(event, "actor")


def test_trigger_inside_a_name_is_not_an_event(pipeline):
    found = events(pipeline, "زار وفد من هيئة الحشد الشعبي بغداد.")
    assert all(e["type"] != "MOBILIZE" for e in found)


def test_offsets_point_into_the_original(pipeline):
    text = "وقَصَفَتْ القوات التركية قرية في ريف الحسكة."
    for event in events(pipeline, text):
        start, end = event["trigger"]
        assert 0 <= start < end <= len(text)
        s, e = event["sentence"]
        assert s <= start and end <= e


def test_exports():
    doc = default_pipeline()(Doc("قصفت الطائرات بلدة سراقب وقتلت 4 مدنيين.", id="a1"))
    span = doc.spans(LAYER)[0]
    row = acled_row(doc, 0, event_record(span))
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["fatalities"] == 4 and row["article_id"] == "a1"
    assert row["event_id_cnty"].startswith("SY-")
    record = plover_record(doc, 0, event_record(span))
    assert record["event_type"] == "ASSAULT" and record["location"]["geo_precision"] == 1
    assert acled_type("CONSULT", "meet") == ("Strategic developments", "Other")


GOLD_XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation><Sentences>
<Sentence category="ASSAULT" date="20210310" id="s1">
<EventText eid="0" eventtext="قصفت" sourcetext="القوات التركية" targettext="قرية" />
<Text>قصفت القوات التركية قرية في ريف حلب أمس.</Text>
</Sentence>
<Sentence category="PROTEST" date="20210310" id="s2">
<EventText eid="0" eventtext="تظاهر" sourcetext="الطلاب" targettext="" />
<Text>تظاهر مئات الطلاب أمام مبنى الجامعة في بيروت احتجاجا على رفع الأقساط.</Text>
</Sentence>
</Sentences>
"""  # no closing </Validation>, like the published Arabic half


def test_eval_events_on_a_truncated_file(tmp_path):
    from marsad.evaluation import events as evaluation

    path = tmp_path / "gold.xml"
    path.write_text(GOLD_XML, encoding="utf-8")
    result = evaluation.evaluate_file(path)
    assert result.sentences == 2
    assert result.type_recall == 1.0 and result.confusion_rate == 0.0
    assert result.actor_agreement == 1.0
    assert "gold type found" in evaluation.format_report(result)


def test_cli_events_and_exports(tmp_path):
    from click.testing import CliRunner

    from marsad.interfaces.cli import cli

    article = tmp_path / "a.txt"
    article.write_text(
        "قصفت القوات التركية قرية في ريف تل أبيض وقتلت ثلاثة مدنيين.\n"
        "واعتقلت الشرطة خمسة أشخاص في مدينة الحسكة بعد المداهمة.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    ingested = runner.invoke(cli, ["ingest", str(article), "--db", db, "-q", "--no-cluster"])
    assert ingested.exit_code == 0
    listed = runner.invoke(cli, ["events", "--db", db, "--type", "ASSAULT", "--json"])
    assert listed.exit_code == 0 and "org:tr_armed_forces" in listed.output
    by_place = runner.invoke(cli, ["events", "--db", db, "--place", "الحسكة"])
    assert "COERCE" in by_place.output and "ASSAULT" not in by_place.output
    csv_out = runner.invoke(cli, ["export", "--db", db, "--format", "acled-csv"])
    assert csv_out.exit_code == 0 and "event_id_cnty,event_date" in csv_out.output
    plover = runner.invoke(cli, ["export", "--db", db, "--format", "plover-json"])
    assert '"event_type": "ASSAULT"' in plover.output


# --- roles: who did it and to whom ---------------------------------------------------------


def _has(event: dict[str, Any], role: str, word: str) -> bool:
    return word in (role_text(event, role) or "")


def test_subject_before_a_killing_verb_with_nothing_after_is_the_victim(pipeline):
    text = "وقال مسؤول إن خمسة جنود على الأقل قتلوا وأصيب عشرة آخرون في الهجوم."
    event = one(pipeline, text, "ASSAULT")
    assert _has(event, "target", "جنود")


def test_subject_before_a_killing_verb_with_an_object_acts(pipeline):
    text = "وقالت الشرطة إن مسلحين ملثمين خطفوا ثلاثة صحفيين قرب المدينة."
    event = one(pipeline, text, "ASSAULT")
    assert role_text(event, "actor") == "مسلحين ملثمين"
    assert _has(event, "target", "صحفيين")


def test_adjective_must_agree_with_the_subject(pipeline):
    event = one(pipeline, "وهاجم مهاجمون مجهولون موظفين في شركة نفطية.", "ASSAULT")
    assert role_text(event, "actor") == "مهاجمون مجهولون"
    assert _has(event, "target", "موظفين")


def test_subject_inside_a_multiword_trigger(pipeline):
    event = one(pipeline, "وأحرق محتجون إطارات في وسط المدينة.", "PROTEST")
    assert role_text(event, "actor") == "محتجون"
    event = one(pipeline, "ولقي ثلاثة عمال مصرعهم في انفجار داخل مصنع.", "ASSAULT")
    assert _has(event, "target", "عمال")


def test_explicit_agent_wins_over_the_word_after_the_noun(pipeline):
    text = "وقتل أربعة حراس في هجوم مسلح نفذه متشددون قرب الحدود."
    event = one(pipeline, text, "ASSAULT")
    assert role_text(event, "actor") == "متشددون"
    assert _has(event, "target", "حراس")


def test_assault_without_actor_takes_the_attacker_noun_of_the_sentence(pipeline):
    text = "وقتل ستة أشخاص عندما فجر انتحاري يقود سيارة مفخخة نفسه قرب مركز للشرطة."
    event = one(pipeline, text, "ASSAULT")
    assert _has(event, "actor", "انتحاري")
    assert _has(event, "target", "أشخاص")


def test_counted_attacker_nouns_are_victims_not_actors(pipeline):
    event = one(pipeline, "وقتل عشرون مسلحا في اشتباكات قرب الحدود.", "ASSAULT")
    assert event["actor"] is None
    assert _has(event, "target", "مسلح")


def test_subject_of_a_light_verb_before_the_noun(pipeline):
    event = one(pipeline, "وقالت الشرطة إن مسلحين نفذوا الهجوم على الحاجز.", "ASSAULT")
    assert role_text(event, "actor") == "مسلحين"
    event = one(pipeline, "ونظم مئات الطلاب مسيرة احتجاجية أمام مبنى الوزارة.", "PROTEST")
    assert role_text(event, "actor") == "مئات الطلاب"


def test_protest_organised_by(pipeline):
    found = events(pipeline, "واندلعت مظاهرة نظمها ناشطون يساريون في العاصمة.")
    actors = {role_text(e, "actor") for e in found if e["type"] == "PROTEST"}
    assert "ناشطون يساريون" in actors


def test_relative_clause_subject(pipeline):
    text = "وقال شهود إن العمال في المصنع الذين خرجوا إلى الشوارع طالبوا برفع الأجور."
    event = one(pipeline, text, "PROTEST")
    assert role_text(event, "actor") == "العمال"


def test_partitive_from_is_not_a_preposition(pipeline):
    text = "وكان الآلاف من السودانيين قد خرجوا في مسيرات في العاصمة."
    event = one(pipeline, text, "PROTEST")
    assert _has(event, "actor", "السودانيين")


def test_protest_noun_takes_the_protesters_before_it(pipeline):
    text = "ونزل آلاف العمال إلى الشوارع للاحتجاج على خفض الرواتب."
    event = one(pipeline, text, "PROTEST")
    assert role_text(event, "actor") == "آلاف العمال"
    assert _has(event, "target", "خفض")


def test_clashes_between_police_and_protesters(pipeline):
    event = one(pipeline, "واندلعت مواجهات بين الشرطة والمتظاهرين قرب البرلمان.", "PROTEST")
    assert role_text(event, "actor") == "المتظاهرين"
    assert role_text(event, "target") == "الشرطة"


def test_at_least_is_not_a_target(pipeline):
    event = one(pipeline, "وقتل ثمانية أشخاص على الأقل في قصف على السوق.", "ASSAULT")
    assert _has(event, "target", "أشخاص")


def test_intransitive_explosion_takes_no_object(pipeline):
    event = one(pipeline, "وانفجرت عبوة ناسفة ما أسفر عن مقتل جنديين.", "ASSAULT")
    assert _has(event, "target", "جندي")


def test_agreement_rule_of_the_evaluation():
    from marsad.evaluation.events import agrees

    def same(gold: str, ours: str) -> bool:
        return agrees(gold, {"text": ours})

    assert same("المتظاهرون", "متظاهرين")  # article, clitic and inflection
    assert same("انتحارية", "انتحاري")
    assert same("القوات التركية", "تركيا")
    assert not same("قوات الأمن", "قوات التحالف")  # a generic head alone
    assert same("عنصرين من الكتائب", "عنصرين")  # ... unless one side is just that head
    assert not same("عشرات المواطنين", "عشرات الجنود")  # counts never


# --- what can be a role: entities and nouns of people, groups and things ------------------


def test_time_word_is_not_a_target(pipeline):
    event = one(pipeline, "وأفاد شهود بسماع اشتباكات قبيل منتصف الليل قرب المطار.", "ASSAULT")
    assert role_text(event, "target") is None


def test_adjective_after_a_noun_trigger_is_not_a_role(pipeline):
    event = one(pipeline, "واندلعت اشتباكات عنيفة في مدينة حلب صباح الأحد.", "ASSAULT")
    assert role_text(event, "target") is None
    truce = one(pipeline, "وأعلن الطرفان هدنة إنسانية لمدة يومين.", "AGREE")
    assert role_text(truce, "target") is None


def test_attacker_noun_used_as_an_adjective_is_not_the_actor(pipeline):
    event = one(pipeline, "وسيطرت الفصائل على البلدة بعد هجوم خاطف.", "ASSAULT")
    assert role_text(event, "actor") != "خاطف"


def test_word_after_a_definite_noun_trigger_is_not_its_genitive(pipeline):
    blast = one(pipeline, "وقالت الشرطة إن الانفجار الضخم وقع في ساعة مبكرة.", "ASSAULT")
    assert role_text(blast, "target") is None
    deal = one(pipeline, "وأوضح المسؤول أن الاتفاق يشمل ثلاث مناطق حدودية.", "AGREE")
    assert role_text(deal, "target") is None


def test_verbal_noun_is_not_a_role_and_the_addressee_is_the_object(pipeline):
    event = one(pipeline, "ودعت الحكومة السكان إلى الحفاظ على الهدوء.", "REQUEST")
    assert role_text(event, "actor") == "الحكومة"
    assert role_text(event, "target") == "السكان"


def test_coordinated_verbal_noun_is_not_a_target(pipeline):
    event = one(pipeline, "وسمحت الهدنة بإجلاء الجرحى وإيصال الإمدادات إلى الأحياء.", "ASSAULT")
    assert role_text(event, "target") is None


def test_oblique_plural_after_a_verb_is_its_object(pipeline):
    event = one(pipeline, "ودعا المواطنين إلى التبرع بالدم.", "REQUEST")
    assert role_text(event, "actor") is None
    assert role_text(event, "target") == "المواطنين"


def test_title_runs_to_the_name_and_the_object_follows(pipeline):
    text = "ودعا الأمين العام للأمم المتحدة أنطونيو غوتيريش، مجلس الأمن إلى عقد جلسة طارئة."
    event = one(pipeline, text, "REQUEST")
    actor = role_text(event, "actor") or ""
    assert actor.startswith("الأمين") and actor.endswith("غوتيريش")
    assert role_text(event, "target") == "مجلس الأمن"


def test_speaker_is_not_the_actor_of_a_noun_in_the_reported_clause(pipeline):
    text = "وقال وزير الخارجية التركي للصحفيين إن الاتفاق لا يشمل المدن الحدودية."
    assert role_text(one(pipeline, text, "AGREE"), "actor") is None


def test_coordinated_subject_is_not_the_object(pipeline):
    text = "ودعت جامعة الدول العربية والاتحاد الأفريقي الطرفين إلى وقف القتال."
    event = one(pipeline, text, "REQUEST")
    assert role_text(event, "actor") == "جامعة الدول العربية"
    assert role_text(event, "target") == "الطرفين"


def test_nationality_of_the_subject_is_not_the_object(pipeline):
    event = one(pipeline, "وناشد الصليب الأحمر اللبناني المواطنين التبرع بالدم.", "REQUEST")
    assert role_text(event, "target") == "المواطنين"


def test_aid_to_a_region_has_no_target(pipeline):
    event = one(pipeline, "ووصلت المساعدات الإنسانية إلى المنطقة المنكوبة.", "AID")
    assert role_text(event, "target") is None


def test_nationality_of_a_source_is_not_the_subject(pipeline):
    event = one(pipeline, "وبحسب مصدر أمني عراقي، استهدفت الضربة سيارتين.", "ASSAULT")
    assert role_text(event, "actor") is None


def test_damma_inside_a_verb_makes_it_passive(pipeline):
    event = one(pipeline, "واستُهدف قائد ميداني في التنظيم قرب الحدود.", "ASSAULT")
    assert role_text(event, "actor") is None
    assert (role_text(event, "target") or "").startswith("قائد")


def test_dateline_is_not_a_victim(pipeline):
    event = one(pipeline, "بغداد - قُتل ثلاثة أشخاص بانفجار عبوة ناسفة.", "ASSAULT")
    assert role_text(event, "target") != "بغداد"


def test_dual_of_a_listed_noun_is_a_victim(pipeline):
    event = one(pipeline, "مقتل شرطيين في انفجار سيارة مفخخة.", "ASSAULT")
    assert role_text(event, "target") == "شرطيين"


# --- triggers: nouns that look like verbs, and expressions that are no events --------------


def test_noun_after_a_number_or_determiner_or_article_is_no_verb_trigger(pipeline):
    for text in (
        "وتظاهر ألف طالب أمام وزارة التعليم.",
        "وقال الطلاب إن الامتحانات تأجلت.",
        "ويحق لكل طالب التسجيل في الجامعة.",
    ):
        assert "REQUEST" not in {e["type"] for e in events(pipeline, text)}, text
    assert one(pipeline, "وطالب المحتجون بإقالة الوزير.", "REQUEST")


def test_verb_with_a_pronoun_after_a_preposition_is_a_noun(pipeline):
    event = one(pipeline, "وشكر الوزير التحالف الدولي على دعمه المتواصل.", "SUPPORT")
    assert event["mode"] == "endorse"


def test_control_detention_centres_and_earthquakes_are_no_events(pipeline):
    for text, event_type in (
        ("وتعمل الفرق في المناطق الخاضعة لسيطرة الحكومة.", "SEIZE"),
        ("وتبقى البلدة تحت سيطرة الفصائل منذ عامين.", "SEIZE"),
        ("وتحدث عن أوضاع مراكز احتجاز عناصر التنظيم.", "COERCE"),
        ("ودعا الدول إلى استعادة رعاياها من المخيم.", "SEIZE"),
        ("وضرب زلزال قوي المنطقة فجر الاثنين.", "ASSAULT"),
    ):
        assert event_type not in {e["type"] for e in events(pipeline, text)}, text


def test_place_beyond_a_clause_break_is_not_the_place(pipeline):
    text = "واندلعت اشتباكات في مدينة إدلب، وسط نزوح للأهالي باتجاه مدينة حلب."
    place = one(pipeline, text, "ASSAULT")["place"]
    assert place is None or "حلب" not in place["text"]


def test_named_place_is_not_the_genitive_of_the_noun_before_it(pipeline):
    event = one(pipeline, "قصفت الطائرات قرية باريشا شمالي إدلب.", "ASSAULT")
    assert role_text(event, "actor") == "الطائرات"
    assert role_text(event, "target") == "قرية باريشا"


def test_coordinated_verb_takes_the_subject_of_the_verb_before(pipeline):
    text = "وقال الأهالي إن الجنود قد دخلوا البلدة ليلا، وأطلقوا صواريخهم على المخازن الشرقية."
    event = one(pipeline, text, "ASSAULT")
    assert event["mode"] == "shelling"  # صواريخهم: the expression with a possessive
    assert role_text(event, "actor") == "الجنود"
    text = "وقال سكان إن دورية من الجيش قامت بمداهمة الحي فجر الأحد واعتدت على الأهالي بالضرب."
    assert role_text(one(pipeline, text, "COERCE"), "actor") == "الجيش"  # دورية من: partitive
    assaulted = one(pipeline, text, "ASSAULT")  # فجر الأحد: no determiner أحد before the verb
    assert role_text(assaulted, "actor") == "الجيش"
    assert role_text(assaulted, "target") == "الأهالي"


def test_claim_of_responsibility_gives_the_actor(pipeline):
    text = "وأعلنت الجماعة مسؤوليتها عن تفجير سيارة مفخخة قرب مبنى البلدية أمس."
    assert role_text(one(pipeline, text, "ASSAULT"), "actor") == "الجماعة"


def test_subject_of_a_control_verb_is_the_actor_of_its_verbal_noun(pipeline):
    text = "وأعلنت النقابة مقاطعة الانتخابات البلدية المقبلة احتجاجا على القانون الجديد."
    assert role_text(one(pipeline, text, "PROTEST"), "actor") == "النقابة"
    text = "حاولت الشرطة اعتقال المتهم في منزله بحي الزهور أمس."
    assert role_text(one(pipeline, text, "COERCE"), "actor") == "الشرطة"
    # the head of a construct is no subject
    text = "بدأ موسم الإضرابات في المدارس الحكومية هذا الأسبوع."
    assert one(pipeline, text, "PROTEST")["actor"] is None


def test_light_verb_with_a_long_subject(pipeline):
    text = "قام نحو ألفي شخص من سكان الأحياء الفقيرة في مدينة البصرة الجنوبية بالتظاهر أمس."
    assert role_text(one(pipeline, text, "PROTEST"), "actor") == "شخص"


def test_noun_after_kana_is_the_subject(pipeline):
    text = "وكان الحارثي أطلق النار على مجموعة من المارة في ساحة السوق قبل أن يفر."
    assert role_text(one(pipeline, text, "ASSAULT"), "actor") == "الحارثي"


def test_subject_before_a_place_phrase(pipeline):
    event = one(
        pipeline, "وقال شهود إن مسلحين في مدينة الموصل اختطفوا ثلاثة صحفيين أمس.", "ASSAULT"
    )
    assert role_text(event, "actor") == "مسلحين"
    assert role_text(event, "target") == "صحفيين"


def test_town_after_the_verb_is_not_its_subject(pipeline):
    event = one(pipeline, "وكان القصف استهدف حي الشعار في مدينة حلب أمس.", "ASSAULT")
    assert event["actor"] is None
    assert role_text(event, "target") == "حي الشعار"


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "target"),
    [
        # a verbal noun, its genitive and an object with ل: the genitive acts
        ("أدان الرئيس اقتحام الشرطة للمسجد الكبير فجر الجمعة.", "COERCE", "الشرطة", "مسجد"),
        ("ندد الحزب باعتقال السلطات لعشرات الناشطين.", "COERCE", "السلطات", "عشرات الناشطين"),
        # bullets and clashes: their genitive shoots
        ("قتل شاب برصاص قوات الاحتلال عند الحاجز.", "ASSAULT", "قوات الاحتلال", "شاب"),
        # clashes between two sides; the other side after مع
        ("اندلعت اشتباكات عنيفة بين الشرطة ومسلحين في المدينة.", "ASSAULT", "الشرطة", "مسلحين"),
        ("وقعت اشتباكات بين مسلحين والجيش السوري قرب دمشق.", "ASSAULT", "مسلحين", "الجيش السوري"),
        ("اشتبك الجيش مع مسلحين في الجبل.", "ASSAULT", "الجيش", "مسلحين"),
        # a complementizer with a pronoun: the subject is the speaker
        ("أعلنت الشرطة أنها اعتقلت عشرة أشخاص.", "COERCE", "الشرطة", "أشخاص"),
        ("قال الجيش إنه قصف مواقع للمتمردين في الجبل.", "ASSAULT", "الجيش", "مواقع"),
        # an apposition or relative clause between commas before the verb
        ("الجيش، الذي يسيطر على المدينة منذ أسبوع، قصف الأحياء الشرقية.", "ASSAULT", "الجيش", None),
        ("الشرطة، فجر اليوم، اعتقلت ثلاثة من المطلوبين.", "COERCE", "الشرطة", None),
        # a control verb before a light verb
        (
            'قالوا إن الطائرات الحربية "بدأت بشن غارات" على القرى.',
            "ASSAULT",
            "الطائرات الحربية",
            "القرى",
        ),
        # a masdar after ب is no protester (بتنظيم)
        ("بدأ الطلاب بتنظيم اعتصام أمام الوزارة.", "PROTEST", "الطلاب", None),
        # a control verb with a preposition before its verbal noun
        ("لجأت الشرطة إلى اعتقال عشرات الطلاب.", "COERCE", "الشرطة", "عشرات الطلاب"),
        # the accused is the actor of what they are accused of
        ("اتهم الجيش المتمردين بقتل عشرة مدنيين.", "ASSAULT", "المتمردين", "مدنيين"),
        ("اتهمت المعارضة قوات الأمن باعتقال مئات الناشطين.", "COERCE", "قوات الأمن", None),
        ("حمّل الجيش المتمردين مسؤولية الهجوم على القافلة.", "ASSAULT", "المتمردين", "القافلة"),
        # a noun with the article heads no construct: two arguments
        ("اتهمت المعارضة قوات الأمن باعتقال مئات الناشطين.", "ACCUSE", "المعارضة", "قوات الأمن"),
        # the agent after a resumptive verb (العبوة التي زرعها X، اجتماع عقده X)
        ("قالت الشرطة إن العبوة التي زرعها مسلحون انفجرت قرب السوق.", "ASSAULT", "مسلحون", None),
    ],
)
def test_actor_constructions(pipeline, text, event_type, actor, target):
    event = one(pipeline, text, event_type)
    assert role_text(event, "actor") == actor
    if target is not None:
        assert role_text(event, "target") == target


def test_resumptive_agent_after_a_verb_belongs_to_the_relative_clause(pipeline):
    text = "أدانت الحكومة المجزرة التي ارتكبها مسلحون في القرية."
    assert role_text(one(pipeline, text, "ACCUSE"), "actor") == "الحكومة"


def test_counted_noun_after_a_coordinated_verb_is_its_object(pipeline):
    text = "اقتحمت قوات الاحتلال المخيم واعتقلت خمسة شبان."
    arrests = [e for e in events(pipeline, text) if e["mode"] == "arrest"]
    assert role_text(arrests[0], "actor") == "قوات الاحتلال"
    assert role_text(arrests[0], "target") == "شبان"


def test_subject_past_an_apposition_between_commas(pipeline):
    text = "كتائب القسام، الجناح العسكري لحركة حماس، قد أطلقت صواريخ على مستوطنة."
    assert role_text(one(pipeline, text, "ASSAULT"), "actor") == "كتائب القسام"


def test_pronoun_of_the_matter_is_no_speaker(pipeline):
    # إنه before a killing verb and a count: "five people were killed", the speaker did not kill
    event = one(pipeline, "وقال المتحدث إنه قتل خمسة أشخاص.", "ASSAULT")
    assert event["actor"] is None
    assert role_text(event, "target") == "أشخاص"
    event = one(pipeline, "أعلنت الشرطة أنها قتلت ثلاثة مسلحين.", "ASSAULT")
    assert role_text(event, "actor") == "الشرطة"


def test_a_fixture_in_a_sports_report_is_no_meeting(pipeline):
    sport = "يلتقي النادي الأهلي نظيره الزمالك يوم الجمعة ضمن الدوري."
    assert not [e for e in events(pipeline, sport) if e["type"] == "CONSULT"]
    talks = "التقى وزير الخارجية المصري نظيره الأردني في عمان."
    assert [e["type"] for e in events(pipeline, talks)] == ["CONSULT"]


def test_security_bodies_are_actors(pipeline):
    text = "تمكنت الأجهزة الأمنية من القبض على ثلاثة مطلوبين في حي الشجاعية."
    assert one(pipeline, text, "COERCE")["actor"]["text"] == "الأجهزة الأمنية"


def test_a_party_with_lam_after_an_attack_noun_is_the_attacker(pipeline):
    text = "قتل خمسة مدنيين في قصف مدفعي للجيش التركي على بلدة عين عيسى."
    event = one(pipeline, text, "ASSAULT")
    assert event["actor"]["id"] == "org:tr_armed_forces"
    assert event["target"]["text"] == "مدنيين"
    place = "تواصل القصف المدفعي لمدينة حلب."
    assert one(pipeline, place, "ASSAULT")["actor"] is None
