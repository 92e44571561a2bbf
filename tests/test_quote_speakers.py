"""Who said what: speakers by the grammar of reported speech, their kind, and who relayed them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from dateline.cli.main import main
from dateline.extract.actors import find_actors, same_person
from dateline.extract.quotes import find_quotes
from dateline.store.schema import migrations, open_store
from tests.conftest import run_json


def speakers(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(quoted words, speaker's name, speaker kind, via) for every quote in `text`."""
    actors, mentions = find_actors(text)
    names = {a.key: a.name for a in actors}
    return [
        (q.text, names.get(q.speaker_key or "", q.speaker_name), q.speaker_kind, q.via)
        for q in find_quotes(text, actors, mentions)
    ]


def test_a_person_speaker_has_kind_person() -> None:
    text = 'Foreign Minister Anna Kowalczyk said: "We will not bow to threats."'
    assert speakers(text) == [("We will not bow to threats.", "Anna Kowalczyk", "person", None)]


def test_store_upgrade_adds_speaker_kind_and_via(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="m006_quote_speaker_kind")
    assert "speaker_kind" not in db["quotes"].columns_dict
    db.conn.close()
    upgraded = open_store(path)
    assert {"speaker_kind", "via"} <= set(upgraded["quotes"].columns_dict)


def test_quotes_json_carries_speaker_kind_and_via(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Example Times\nTalks stall\nPublished March 3, 2022\nhttps://example.com/a\n\n"
        'Foreign Minister Anna Kowalczyk said: "We will not bow to threats."\n',
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    assert main(["ingest", str(article), "--db", str(db), "--quiet"]) == 0
    (record,) = run_json(capsys, "quotes", "--db", str(db), "--json")
    assert record["speaker"] == "Anna Kowalczyk"
    assert record["speaker_kind"] == "person"
    assert record["via"] is None


def test_the_subject_of_the_reporting_verb_not_the_nearest_name() -> None:
    text = 'Prime Minister Ewa Lind warned Chancellor Otto Brandt that new sanctions would be "a grave mistake."'
    assert speakers(text)[0][1] == "Ewa Lind"


def test_a_name_in_a_later_clause_is_not_the_speaker() -> None:
    text = (
        'The mayor, Piotr Nowak, condemned the army for "reckless shelling" at a time when '
        "President Ewa Lind warned that talks had failed."
    )
    assert speakers(text)[0][1] == "Piotr Nowak"


def test_a_document_credited_to_the_country_that_wrote_it() -> None:
    text = 'According to a Norwegian document seen by reporters, the two sides should "refrain from provocations."'
    assert speakers(text) == [("refrain from provocations.", "Norway", "document", None)]


def test_a_statement_by_an_organisation() -> None:
    text = 'A statement by the Polish Foreign Ministry said the talks were "a waste of time."'
    assert speakers(text) == [("a waste of time.", "Polish Foreign Ministry", "document", None)]


def test_the_report_refers_back_to_who_wrote_it() -> None:
    text = (
        "A Finnish intelligence report was leaked on Monday. "
        'The report concluded that the army was "unprepared for a long war."'
    )
    assert speakers(text)[0][1:3] == ("Finnish intelligence", "document")


def test_a_draft_and_then_it_speak_for_its_author() -> None:
    text = (
        "The Kremlin published a draft treaty on Friday. "
        '"No new members shall be admitted," the draft says. '
        'It demanded that troops "return to their bases."'
    )
    found = speakers(text)
    assert [(name, kind) for _, name, kind, _ in found] == [("Kremlin", "document"), ("Kremlin", "document")]


def test_a_resolution_credited_to_the_countries_that_wrote_it() -> None:
    text = (
        'The council voted down a resolution that "condemns the attack in the strongest terms." '
        "The text had been drafted by Norway and Chile."
    )
    assert speakers(text)[0][1:3] == ("Norway and Chile", "document")


def test_relayed_speech_goes_to_the_one_quoted_via_the_one_telling() -> None:
    text = (
        "Ewa Lind told Otto Brandt that sanctions would be a mistake, "
        '"one our children will regret," her aide Jan Kowal said.'
    )
    assert speakers(text) == [("one our children will regret", "Ewa Lind", "person", "Jan Kowal")]


def test_quoting_someone_relays_their_words() -> None:
    text = '"Mistakes have been made," Jan Kowal said, quoting Ewa Lind.'
    assert speakers(text) == [("Mistakes have been made", "Ewa Lind", "person", "Jan Kowal")]


def test_a_quote_that_goes_on_keeps_its_relayer() -> None:
    text = (
        'Ewa Lind told envoys that the plan was "a trap," Jan Kowal said, according to a news agency. '
        '"Nobody will fall for it."'
    )
    found = speakers(text)
    assert [(name, via) for _, name, _, via in found] == [("Ewa Lind", "Jan Kowal"), ("Ewa Lind", "Jan Kowal")]


def test_the_ministry_is_the_ministry_named_before() -> None:
    text = (
        "Finland’s Defence Ministry announced new drills on Monday. "
        '"The exercises are purely defensive," the ministry said.'
    )
    assert speakers(text)[0][1:3] == ("Finnish Defence Ministry", "organisation")


def test_unnamed_officials_speak_as_their_phrase() -> None:
    text = 'Oslo expelled a diplomat, in what Polish officials called "a dangerous escalation."'
    assert speakers(text)[0][1:3] == ("Polish officials", "person")
    text = 'Later a Pentagon official described the town as "contested."'
    assert speakers(text)[0][1] == "a Pentagon official"


def test_a_long_role_phrase_is_one_speaker() -> None:
    text = 'The head of Finland’s national security and defence council said that "our army is ready."'
    assert speakers(text)[0][1] == "The head of Finland’s national security and defence council"


def test_they_after_two_named_leaders_is_both() -> None:
    text = (
        "President Ewa Lind and Chancellor Otto Brandt met in Oslo. "
        'Afterwards they urged both sides to "stop the shelling now."'
    )
    assert speakers(text)[0][1] == "Ewa Lind and Otto Brandt"


def test_in_someones_words() -> None:
    text = 'Governor Oleh Marchuk spoke on television. In Marchuk’s words: "The city is holding."'
    assert speakers(text)[0][1] == "Oleh Marchuk"


def test_a_title_before_an_appositive_name_gives_the_name() -> None:
    text = '"The vote changes nothing," said Norway’s ambassador to the UN, Kari Holm.'
    assert speakers(text)[0][1] == "Kari Holm"


def test_an_outlets_correspondents_speak_for_the_outlet() -> None:
    text = 'It followed what The Daily Planet’s correspondents described as a "brutal battle" for the port.'
    assert speakers(text)[0][1] == "Daily Planet"


def test_a_sentence_fragment_is_never_a_speaker() -> None:
    text = 'The talks focus on Western-drafted demands for "strategic balance," which Oslo tabled in May.'
    assert all(not name or "focus" not in name for _, name, _, _ in speakers(text))


def test_a_short_name_is_the_full_name() -> None:
    text = 'Chinese President Xi Jinping met the delegation. Xi said he wants "closer ties" with Oslo.'
    assert speakers(text)[0][1] == "Xi Jinping"


@pytest.mark.parametrize(
    ("known", "written"),
    [("Alexander Grushko", "Aleksandr Grushko"), ("Sergei Ryabkov", "Sergey Ryabkov"), ("Xi Jinping", "Xi")],
)
def test_one_person_written_two_ways(known: str, written: str) -> None:
    assert same_person(known.split(), written.split())


def test_two_people_are_not_one() -> None:
    assert not same_person("John Grushko".split(), "Joan Grushko".split())
    assert not same_person("Ewa Lind".split(), "Otto Lind".split())


def test_what_someone_cannot_say_is_not_relayed() -> None:
    text = 'Jan Kowal cannot say that "the vote was fair," Ewa Lind added.'
    assert speakers(text) == [("the vote was fair", "Ewa Lind", "person", None)]


def test_a_programme_is_not_a_quote() -> None:
    text = 'Senator Ewa Lind told NTV\'s "Morning Round," that the talks had failed.'
    assert speakers(text) == []


def test_an_interrupted_quote_is_printed_as_its_stretches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "in.jsonl"
    text = '"We remain committed," Jan Kowal said, "to the diplomatic path."'
    docs.write_text(json.dumps({"doc": "d1", "text": text}) + "\n", encoding="utf-8")
    records = run_json(capsys, "quotes", "--jsonl", str(docs))
    assert [r["text"] for r in records] == ["We remain committed,", "to the diplomatic path."]
    assert {r["speaker"] for r in records} == {"Jan Kowal"}


def test_one_of_the_messages_is_from_who_left_them() -> None:
    text = 'The protesters left angry notes on the embassy gate. "Go home and never come back," one note read.'
    assert speakers(text)[0][1:3] == ("The protesters", "document")


def test_a_manner_of_speaking_verb_after_the_quote() -> None:
    assert speakers('"Sit down," Senator Ewa Lind snapped back. "Go back to your seat," Jan Kowal barked.')[1][1] == (
        "Jan Kowal"
    )
    assert speakers('"That is not true!" she fumed.')[0][0] == "That is not true!"


def test_a_new_sentence_after_a_closed_quote_is_not_its_attribution() -> None:
    text = (
        'Governor Ewa Lind called the plan "reckless." '
        'Senator Jan Kowal called the statement "offensive and out of line."'
    )
    assert [name for _, name, _, _ in speakers(text)] == ["Ewa Lind", "Jan Kowal"]


def test_a_countrys_role_is_the_person_holding_it() -> None:
    text = 'Finnish President Aino Virtanen met the troops. Later Finland’s president said the army "will not retreat."'
    assert speakers(text)[0][1] == "Aino Virtanen"


def test_contractions_and_surnames_do_not_hide_a_cue() -> None:
    assert speakers('Senator Jan Kowal said it’s "all about management."')[0][1] == "Jan Kowal"
    assert speakers('Analyst Anna Fehrman explains why Ohio is "weird."')[0][1] == "Anna Fehrman"


def test_a_speaker_named_in_the_next_sentence() -> None:
    text = '"We will defend every inch of our land." Those were the words of Defence Minister Anna Berg on Sunday.'
    assert speakers(text)[0][1] == "Anna Berg"
    text = '"We will defend every inch of our land." Defence Minister Anna Berg made the remarks on television.'
    assert speakers(text)[0][1] == "Anna Berg"
    text = '"We will defend every inch of our land!" The crowd cheered as Defence Minister Anna Berg left.'
    assert speakers(text)[0][1] is None


def _two_articles(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(
        "Wire\nTalks\nPublished March 3, 2022\n\nPresident Volodymyr Zelensky met envoys in Kyiv on Monday.\n\n"
        'Foreign Minister Anna Kowalczyk said on Monday: "We will not bow to threats."\n\n'
        'Chancellor Otto Brandt said on Tuesday that Kowalczyk was "far too hasty."\n',
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Paper\nVisit\nPublished March 4, 2022\n\nPresident Volodymyr Zelenskyy visited Kharkiv on Thursday.\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    assert main(["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", str(db), "--quiet"]) == 0
    return db


def test_quotes_actor_keeps_what_the_actor_said_not_what_was_said_about_them(tmp_path, capsys) -> None:
    db = _two_articles(tmp_path)
    capsys.readouterr()
    said = run_json(capsys, "quotes", "--db", str(db), "--json", "--actor", "Kowalczyk")
    assert [(q["speaker"], q["text"]) for q in said] == [("Anna Kowalczyk", "We will not bow to threats.")]
    both = run_json(capsys, "quotes", "--db", str(db), "--json", "--actor", "Kowalczyk", "--actor", "Otto Brandt")
    assert [q["speaker"] for q in both] == ["Anna Kowalczyk", "Otto Brandt"]


def test_an_actor_is_found_by_the_surname_of_one_of_its_aliases(tmp_path, capsys) -> None:
    db = _two_articles(tmp_path)
    capsys.readouterr()
    by_alias = run_json(capsys, "happenings", "--db", str(db), "--json", "--actor", "Zelenskyy")
    by_name = run_json(capsys, "happenings", "--db", str(db), "--json", "--actor", "Zelensky")
    assert len(by_alias) == 2 and by_alias == by_name


def test_a_quote_is_dated_by_its_report_and_cited_by_its_article(tmp_path, capsys) -> None:
    db = _two_articles(tmp_path)
    capsys.readouterr()
    (said,) = run_json(capsys, "quotes", "--db", str(db), "--json", "--actor", "Kowalczyk")
    assert said["date"] == "2022-02-28" and said["article"]["published"] == "2022-03-03"  # "on Monday"
    assert main(["quotes", "--db", str(db), "--actor", "Kowalczyk"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("2022-02-28  Anna Kowalczyk: “We will not bow to threats.” (")
    assert line.endswith(", published 2022-03-03)")
