"""Stories: duplicates, same-story paraphrases, same theme kept apart, follow-ups,
arrival order, online/batch equivalence, the `marsad cluster` contract, the store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.interfaces.cli import cli
from marsad.stories import Article, StoryClusterer, extract
from marsad.stories.dedup import NUM_PERM
from marsad.stories.features import light_stem
from marsad.stories.stream import cluster_lines

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# Four reports written for these tests: a ceasefire in Aden (an agency wire and
# a paraphrase by another outlet), a next-day follow-up, and a different event
# on the same theme (a ceasefire in Taiz, two months later).
WIRE = (
    "أعلنت الحكومة اليمنية مساء الثلاثاء وقفاً لإطلاق النار في مدينة عدن لمدة أسبوع "
    "بدءاً من منتصف الليل، بعد وساطة قادتها الأمم المتحدة بين الأطراف المتحاربة. "
    "وقال وزير الخارجية اليمني في مؤتمر صحفي إن الهدنة تهدف إلى إدخال المساعدات "
    "الإنسانية وإجلاء الجرحى من الأحياء المحاصرة في المدينة. "
    "وأضاف أن فرق الأمم المتحدة ستراقب تنفيذ الاتفاق في مديريات كريتر والمعلا والتواهي. "
    "ورحب المبعوث الأممي إلى اليمن بالإعلان، ودعا جميع الأطراف إلى الالتزام الكامل به."
)
NEAR_COPY = WIRE + " وكانت المعارك قد أودت بحياة المئات."  # republished with a line added
PARAPHRASE = (
    "هدنة لأسبوع في عدن بوساطة أممية. "
    "قررت الحكومة اليمنية وقف إطلاق النار في عدن أسبوعاً كاملاً اعتباراً من منتصف "
    "الليل، إثر وساطة من الأمم المتحدة، وفق ما صرح به وزير الخارجية اليمني في مؤتمر "
    "صحفي. وأوضح الوزير أن الهدنة ستتيح إدخال المساعدات الإنسانية وإجلاء الجرحى من "
    "الأحياء المحاصرة في كريتر والمعلا، فيما رحب المبعوث الأممي إلى اليمن بالقرار."
)
FOLLOW_UP = (
    "دخل وقف إطلاق النار في عدن يومه الأول صباح الأربعاء وسط هدوء حذر في كريتر والمعلا، "
    "وبدأت قوافل المساعدات الإنسانية التابعة للأمم المتحدة بالدخول إلى الأحياء المحاصرة. "
    "وقال مسؤول في الحكومة اليمنية إن الهدنة صامدة، وإن فرق الأمم المتحدة تراقب تنفيذ "
    "الاتفاق وإجلاء الجرحى من المدينة."
)
OTHER_EVENT = (
    "أعلن محافظ تعز اتفاقاً لفتح معبر الحوبان أمام المدنيين والشاحنات التجارية بعد "
    "مفاوضات استمرت ثلاثة أشهر مع لجنة محلية من وجهاء المدينة. "
    "وقال المحافظ في بيان إن المعبر سيفتح يومياً من السادسة صباحاً حتى السادسة مساء، "
    "وإن لجنة مشتركة ستتولى تفتيش الشاحنات وتسهيل عبور الطلاب والمرضى. "
    "وشكا سكان تعز طويلاً من الطرق الجبلية الوعرة التي تضاعف زمن الرحلة وكلفتها."
)


def _article(id: str, text: str, date: str | None = "2015-07-21", source: str = "x") -> Article:
    return Article(id, text, date=date, source=source)


def _cluster(*articles: Article) -> dict[str, object]:
    clusterer = StoryClusterer()
    return {
        a.id: clusterer.add(extract(a, NUM_PERM))
        for a in articles  # type: ignore[misc]
    }


def test_light_stem_strips_clitics_and_suffixes():
    assert light_stem("والمفاوضات") == "مفاوض"
    assert light_stem("بالحكومه") == "حكوم"
    assert light_stem("عدن") == "عدن"


def test_exact_duplicate_points_to_original_and_same_story_either_order():
    a, b = _article("a", WIRE), _article("b", WIRE + "\n")  # same content hash
    first = _cluster(a, b)
    second = _cluster(b, a)
    assert first["b"].duplicate_of == "a" and second["a"].duplicate_of == "b"
    assert first["a"].story == first["b"].story == second["a"].story == second["b"].story
    assert first["b"].evidence["kind"] == "exact"


def test_near_duplicate_keeps_the_differences():
    result = _cluster(_article("wire", WIRE), _article("copy", NEAR_COPY, source="y"))
    copy = result["copy"]
    assert copy.duplicate_of == "wire"
    assert copy.story == result["wire"].story
    assert copy.evidence["kind"] == "near"
    added = copy.evidence["added_sentences"]
    assert any("أودت بحياة المئات" in NEAR_COPY[s:e] for s, e in added)


def test_paraphrase_from_another_outlet_joins_with_evidence():
    result = _cluster(_article("wire", WIRE), _article("para", PARAPHRASE, source="y"))
    para = result["para"]
    assert para.duplicate_of is None
    assert para.story == result["wire"].story
    best = para.evidence["best"]
    assert best["similarity"] >= 0.25 and "عدن" in best["shared_terms"]


def test_title_overlap_is_the_best_jaccard_with_a_title_of_the_story():
    from marsad.stories.cluster import Story, title_overlap
    from marsad.stories.features import title_roots

    story = Story("s", 1, "", "", None, None, None, {})
    story.titles = [title_roots("هدنة لأسبوع في عدن"), title_roots("معبر الحوبان في تعز")]
    # "هدنة" and "عدن" are shared with the first title; "في" is a function word
    assert title_overlap(title_roots("هدنة عدن تصمد"), story) == pytest.approx(2 / 4)
    assert title_overlap(title_roots("زلزال في تركيا"), story) == 0.0
    assert title_overlap(frozenset(), story) == 0.0


@pytest.mark.parametrize(
    "first, second",
    [
        ("آلاف يتظاهرون في البصرة", "مظاهرات حاشدة في البصرة"),
        ("مسلحون يخطفون صحفيا", "اختطاف صحفي على يد مسلحين"),
        ("المحكمة تعدم ثلاثة مدانين", "إعدام ثلاثة مدانين"),
    ],
)
def test_title_roots_conflate_derivations_of_one_word(first: str, second: str) -> None:
    from marsad.stories.features import title_roots

    # the headlines of one event name it with different derivations of one root
    shared = title_roots(first) & title_roots(second)
    assert len(shared) >= 2


def test_a_join_reports_its_title_overlap():
    wire = Article("wire", WIRE, title="الحكومة اليمنية تعلن هدنة لأسبوع في عدن", date="2015-07-21")
    para = Article("para", PARAPHRASE, title="هدنة لأسبوع في عدن بوساطة أممية", date="2015-07-21")
    result = _cluster(wire, para)
    assert result["para"].story == result["wire"].story
    assert result["para"].evidence["best"]["title_overlap"] > 0.3


def test_same_theme_different_event_stays_apart():
    result = _cluster(
        _article("aden", WIRE),
        _article("taiz", OTHER_EVENT, date="2015-09-20", source="y"),
    )
    assert result["aden"].story != result["taiz"].story


def test_follow_up_next_day_joins_and_far_dates_do_not():
    result = _cluster(
        _article("wire", WIRE),
        _article("next", FOLLOW_UP, date="2015-07-22", source="y"),
    )
    assert result["next"].story == result["wire"].story
    late = _cluster(
        _article("wire", WIRE),
        _article("late", FOLLOW_UP, date="2015-12-01", source="y"),
    )
    assert late["late"].story != late["wire"].story


def test_out_of_order_arrival_groups_the_same():
    items = [
        _article("wire", WIRE),
        _article("para", PARAPHRASE, source="y"),
        _article("next", FOLLOW_UP, date="2015-07-22", source="z"),
        _article("taiz", OTHER_EVENT, date="2015-07-21", source="w"),
    ]

    def grouping(order: list[Article]) -> set[frozenset[str]]:
        result = _cluster(*order)
        groups: dict[str, set[str]] = {}
        for id, assignment in result.items():
            groups.setdefault(assignment.story, set()).add(id)  # type: ignore[attr-defined]
        return {frozenset(g) for g in groups.values()}

    assert grouping(items) == grouping(items[::-1])
    assert frozenset({"wire", "para", "next"}) in grouping(items)


def _store_records(db: Path) -> list[tuple[str, str, str]]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT article_id, story, thread FROM story_articles ORDER BY seq"
        ).fetchall()


def _jsonl(path: Path, items: list[tuple[str, str, str]]) -> Path:
    path.write_text(
        "".join(
            json.dumps({"id": i, "text": t, "date": d, "source": f"outlet-{i}"}, ensure_ascii=False)
            + "\n"
            for i, t, d in items
        ),
        encoding="utf-8",
    )
    return path


ITEMS = [
    ("wire", WIRE, "2015-07-21"),
    ("para", PARAPHRASE, "2015-07-21"),
    ("taiz", OTHER_EVENT, "2015-07-21"),
    ("next", FOLLOW_UP, "2015-07-22"),
    ("copy", NEAR_COPY, "2015-07-22"),
]


def test_online_store_equals_batch_backfill(tmp_path):
    runner = CliRunner()
    db = tmp_path / "s.db"
    # online: two ingest runs, each clustering its new articles
    for n, chunk in enumerate((ITEMS[:2], ITEMS[2:])):
        path = _jsonl(tmp_path / f"part{n}.jsonl", chunk)
        result = runner.invoke(cli, ["ingest", "-q", "-j", "1", "--db", str(db), str(path)])
        assert result.exit_code == 0, result.output
    online = _store_records(db)
    assert len(online) == len(ITEMS)
    # stories keep their articles' title stems for the next run
    with sqlite3.connect(db) as conn:
        titles = [json.loads(t) for (t,) in conn.execute("SELECT titles FROM stories")]
    assert titles and all(isinstance(t, list) for t in titles)
    result = runner.invoke(cli, ["cluster", "--store", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _store_records(db) == online


def test_migration_recomputes_story_titles_as_roots(tmp_path):
    from marsad.store import Store
    from marsad.stories.features import first_line, title_roots

    db = tmp_path / "s.db"
    path = _jsonl(tmp_path / "all.jsonl", ITEMS)
    result = CliRunner().invoke(cli, ["ingest", "-q", "-j", "1", "--db", str(db), str(path)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        expected = dict(conn.execute("SELECT id, titles FROM stories").fetchall())
        # a store clustered before the migration: titles of another kind
        conn.execute("UPDATE stories SET titles = '[[\"old\"]]'")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_story_title_roots'")
    Store(db).close()
    with sqlite3.connect(db) as conn:
        migrated = dict(conn.execute("SELECT id, titles FROM stories").fetchall())
        first_title = conn.execute(
            "SELECT a.text FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " ORDER BY sa.seq LIMIT 1"
        ).fetchone()[0]
    assert migrated == expected
    first_titles = [json.loads(t)[0] for t in migrated.values()]
    assert sorted(title_roots(first_line(first_title))) in first_titles


def test_ingest_no_cluster_then_stories_and_show_story(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "s.db")
    path = _jsonl(tmp_path / "all.jsonl", ITEMS)
    result = runner.invoke(cli, ["ingest", "-q", "--no-cluster", "--db", db, str(path)])
    assert result.exit_code == 0
    assert _store_records(Path(db)) == []
    assert runner.invoke(cli, ["cluster", "--store", "--db", db]).exit_code == 0
    listed = runner.invoke(cli, ["stories", "--db", db, "--min-sources", "2", "--json"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert len(rows) == 1 and rows[0]["articles"] == 4
    shown = runner.invoke(cli, ["show", "story", rows[0]["id"][:6], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "4 articles" in shown.output and "outlet-para" in shown.output
    as_json = json.loads(runner.invoke(cli, ["show", "story", rows[0]["id"], "--db", db,
                                             "--json"]).output)  # fmt: skip
    assert {a["decision"] for a in as_json["articles"]} >= {"new", "joined", "duplicate"}
    # `show ID` and `show article ID` still show articles
    article_id = as_json["articles"][0]["id"]
    for args in (["show", article_id], ["show", "article", article_id]):
        assert runner.invoke(cli, [*args, "--db", db]).exit_code == 0


def test_cluster_contract_via_cli():
    lines = [
        json.dumps({"id": "a", "text": WIRE, "date": "2015-07-21", "source": "s1"}),
        "",
        "{not json",
        json.dumps({"id": "b", "text": PARAPHRASE, "date": "2015-07-21", "title": "هدنة"}),
        json.dumps({"id": "c", "text": WIRE, "date": "2015-07-21"}),
        json.dumps({"id": "d", "text": ""}),
        json.dumps({"id": 5, "text": OTHER_EVENT}),
    ]
    result = CliRunner().invoke(cli, ["cluster"], input="\n".join(lines) + "\n")
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r["id"] for r in records] == ["a", None, "b", "c", "d", 5]
    a, bad, b, c, d, other = records
    assert set(a) == {"id", "story", "thread", "duplicate_of"}
    assert "invalid JSON" in bad["error"] and "text" in d["error"]
    assert b["story"] == a["story"] and c["duplicate_of"] == "a"
    assert other["story"] != a["story"]


def test_cluster_lines_with_workers_equals_single_process():
    # more than one chunk of 256 lines, so that the workers are started
    lines = [
        json.dumps({"id": f"{i}-{n}", "text": f"{t} والرقم {n}.", "date": d}, ensure_ascii=False)
        for n in range(70)
        for i, t, d in ITEMS
    ]
    assert len(lines) > 256
    assert list(cluster_lines(lines, jobs=2)) == list(cluster_lines(lines, jobs=1))


def test_eval_stories_on_examples():
    gold = Path(__file__).resolve().parents[1] / "eval" / "stories" / "examples.json"
    result = CliRunner().invoke(cli, ["eval", "stories", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["articles"] == 42
    assert scores["bcubed"]["f1"] >= 0.85
    # the examples' gold names threads: they are scored too, and a thread holds
    # whole stories, so there are no more threads than stories
    threads = scores["threads"]
    assert threads["articles"] == 42
    assert threads["predicted_stories"] <= scores["predicted_stories"]
    assert threads["bcubed"]["precision"] >= 0.8


def test_threads_are_scored_only_when_every_gold_story_names_one(tmp_path):
    from marsad.evaluation.stories import load_gold_threads

    def gold(stories: list[dict]) -> Path:
        path = tmp_path / "gold.json"
        path.write_text(json.dumps({"source": {"path": "."}, "stories": stories}), "utf-8")
        return path

    named = [
        {"story": "a", "thread": "t", "articles": ["1", "2"]},
        {"story": "b", "thread": "t", "articles": ["3"]},
    ]
    _, stories, threads = load_gold_threads(gold(named))
    assert stories == {"1": "a", "2": "a", "3": "b"}
    assert threads == {"1": "t", "2": "t", "3": "t"}
    _, _, threads = load_gold_threads(gold([*named, {"story": "c", "articles": ["4"]}]))
    assert threads is None


def test_eval_stories_saudinewsnet_dev():
    data = SHARED_DATA / "saudinewsnet" / "saudinewsnet_syria_iraq_yemen_title_subset.jsonl"
    if not data.exists():
        pytest.skip(f"{data} not present (third-party data is not part of the repository)")
    from marsad.evaluation.stories import evaluate_file

    gold = Path(__file__).resolve().parents[1] / "eval" / "stories" / "saudinewsnet_dev.json"
    result = evaluate_file(gold)
    assert result.articles >= 200
    assert result.bcubed_f1 >= 0.8


def test_eval_stories_saudinewsnet_test_gold_ids_only():
    gold = Path(__file__).resolve().parents[1] / "eval" / "stories" / "saudinewsnet_test.json"
    data = json.loads(gold.read_text(encoding="utf-8"))
    ids = [a for story in data["stories"] for a in story["articles"]]
    assert len(ids) == len(set(ids)) >= 150
    assert all(isinstance(a, str) and a.startswith("snn-") for a in ids)  # ids, never text
    source = (gold.parent / data["source"]["path"]).resolve()
    if not source.exists():
        pytest.skip(f"{source} not present (third-party data is not part of the repository)")
    from marsad.evaluation.stories import evaluate_file

    result = evaluate_file(gold)
    assert result.articles == len(ids)
    assert result.bcubed_f1 >= 0.85


def test_eval_stories_saudinewsnet_check_gold_is_held_out():
    """The third gold: ids only, other days and other articles than dev and test."""
    folder = Path(__file__).resolve().parents[1] / "eval" / "stories"
    sets = {}
    for name in ("dev", "test", "check"):
        data = json.loads((folder / f"saudinewsnet_{name}.json").read_text(encoding="utf-8"))
        sets[name] = [a for story in data["stories"] for a in story["articles"]]
    check = sets["check"]
    assert len(check) == len(set(check)) >= 150
    assert all(isinstance(a, str) and a.startswith("snn-") for a in check)  # ids, never text
    assert not set(check) & (set(sets["dev"]) | set(sets["test"]))
    source = SHARED_DATA / "saudinewsnet" / "saudinewsnet_syria_iraq_yemen_title_subset.jsonl"
    if not source.exists():
        pytest.skip(f"{source} not present (third-party data is not part of the repository)")
    days = {}
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            days[record["id"]] = record["date_extracted"][:10]
    day_sets = {name: {days[a] for a in ids} for name, ids in sets.items()}
    assert day_sets["check"] == {"2015-08-07", "2015-08-08"}
    assert not day_sets["check"] & (day_sets["dev"] | day_sets["test"])
    # every article of those days is in the gold
    assert sorted(check) == sorted(a for a, d in days.items() if d in day_sets["check"])
    from marsad.evaluation.stories import evaluate_file

    result = evaluate_file(folder / "saudinewsnet_check.json")
    assert result.articles == len(check)
    assert result.bcubed_f1 >= 0.85


def test_numbers_of_title_and_lead_are_terms_but_dates_are_not():
    from marsad.stories.features import numbers

    assert numbers("مقتل 25 شخصا و3.064 مليون") == ["%25", "%3.064"]
    assert numbers("الموافق 15/10/1436") == []
    features = extract(Article("a", "قتل 25 مدنيا في قصف. " + "كلمة " * 300 + "عددهم 99"), NUM_PERM)
    assert "%25" in features.terms and "%99" not in features.terms  # only the lead's


def test_key_word_stays_searchable_in_a_small_collection():
    # 5 % of 40 articles is 2: the visitor's name, in every report of the
    # visit, used to stop finding the story after the third report
    clusterer = StoryClusterer()
    for i in range(40):
        clusterer.add(extract(_article(f"f{i}", f"خبر رقم {i} عن موضوع مختلف تماما"), NUM_PERM))
    clusterer.df["بحاح"] = 5
    assert clusterer._searchable("بحاح")
    clusterer.n_docs, clusterer.df["بحاح"] = 100_000, 5_000  # 5 % of a big archive
    assert not clusterer._searchable("بحاح")


def test_linkage_penalises_loose_stories():
    from marsad.stories.cluster import Config, Story

    def tight() -> Story:
        return Story("t", 1, "", "", None, None, None, {"a": 2.0}, 2.0, size=2)

    def loose() -> Story:
        return Story("l", 2, "", "", None, None, None, {"a": 1.0, "b": 1.0}, 2**0.5, size=2)

    # a story belongs to one clusterer (it keeps the scale of that one's linkage)
    vector = {"a": 1.0}
    centroid_only = StoryClusterer(Config(linkage=0.0))
    mixed = StoryClusterer(Config(linkage=0.5))
    assert centroid_only._cosine(vector, tight()) == pytest.approx(1.0)
    assert mixed._cosine(vector, tight()) == pytest.approx(1.0)  # a tight story: the same
    assert mixed._cosine(vector, loose()) < centroid_only._cosine(vector, loose())


def test_dot_is_symmetric_and_order_free():
    from marsad.stories.vectors import add_into, dot

    a = {"x": 0.5, "y": 0.25, "z": 0.125}
    b = {"z": 1.0, "y": 2.0, "w": 3.0}
    assert dot(a, b) == dot(b, a) == 0.5 + 0.125
    assert dot(dict(reversed(list(a.items()))), b) == dot(a, b)
    total = add_into({"x": 1.0}, {"y": 2.0, "z": 0.5}, 2)
    assert total == {"x": 1.0, "y": 2.0}


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5])
def test_the_cut_of_a_sum_keeps_what_top_terms_keeps(limit):
    from marsad.stories.vectors import add_into, top_terms

    total = {"b": 1.0, "a": 1.0, "c": 0.5, "e": 1.0}
    added = {"d": 1.0, "c": 0.5}
    expected = top_terms({"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0, "e": 1.0}, limit)
    assert add_into(total, added, limit) == expected  # ties at the cut: by term
