"""Quote finding, speaker attribution and actor merging: one test per construction."""

from __future__ import annotations

import json

import pytest

from dateline.cli.main import main
from dateline.extract.actors import find_actors
from dateline.extract.articles import parse_plain_text
from dateline.extract.pipeline import extract_article
from dateline.extract.quotes import find_quotes
from tests.conftest import SEED


def quotes(text: str) -> list[tuple[str, str | None, str | None]]:
    """(quoted words, speaker's canonical name or words, the mention it came from)."""
    actors, mentions = find_actors(text)
    names = {a.key: a.name for a in actors}
    return [
        (
            q.text,
            names.get(q.speaker_key or "", q.speaker_name),
            text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None,
        )
        for q in find_quotes(text, actors, mentions)
    ]


def test_said_after_the_quote_straight_and_curly() -> None:
    assert quotes('"We remain committed," said Price.') == [("We remain committed", "Price", "Price")]
    assert quotes("“We remain committed,” Price said.") == [("We remain committed", "Price", "Price")]


def test_speaker_with_title_before_the_verb() -> None:
    text = '"The door is open," State Department spokesman Ned Price said in a statement.'
    assert quotes(text) == [("The door is open", "Ned Price", "Ned Price")]


def test_colon_introduction_with_the_speaker_before() -> None:
    text = 'Russian Foreign Minister Sergey Lavrov said: "We will not attack anyone."'
    assert quotes(text) == [("We will not attack anyone.", "Sergey Lavrov", "Sergey Lavrov")]


def test_quote_interrupted_by_the_attribution_is_one_quote() -> None:
    text = '"We remain committed," Price said, "to the diplomatic path."'
    (found,) = quotes(text)
    assert found[0] == "We remain committed … to the diplomatic path."
    assert found[1] == "Price"


def test_appositive_speaker() -> None:
    text = '"Talks will continue," Ned Price, the State Department spokesman, said.'
    assert quotes(text)[0][1:] == ("Ned Price", "Ned Price")


def test_pronoun_speaker_resolves_to_the_last_person() -> None:
    text = 'Foreign Minister Sergey Lavrov spoke in Moscow. "This is nonsense," he said.'
    assert quotes(text) == [("This is nonsense", "Sergey Lavrov", "he")]


def test_role_noun_speaker() -> None:
    text = 'Defense Secretary Lloyd Austin met troops. "We are ready," the official said.'
    assert quotes(text)[0][1:] == ("Lloyd Austin", "the official")


def test_unnamed_speaker_keeps_its_words() -> None:
    assert quotes('"It is over," a senior diplomat told reporters.')[0][1:] == ("a senior diplomat",) * 2


def test_partial_quote_in_reported_speech_goes_to_the_subject() -> None:
    text = 'During a call, Blinken reiterated the US commitment to "continue to pursue a diplomatic solution."'
    assert quotes(text) == [("continue to pursue a diplomatic solution.", "Blinken", "Blinken")]


def test_quote_spanning_paragraphs() -> None:
    text = '"The first part goes on.\n\n"And the second part ends here," said Price.'
    (found,) = quotes(text)
    assert found[0] == "The first part goes on. And the second part ends here"
    assert found[1] == "Price"


def test_a_quote_paragraph_without_a_cue_continues_the_last_speaker() -> None:
    text = '"We are ready to talk," Lavrov said.\n\n"We have always been ready."'
    assert [q[1] for q in quotes(text)] == ["Lavrov", "Lavrov"]


@pytest.mark.parametrize(
    "text",
    [
        'Washington said it is committed to upholding NATO\'s "open door policy," while talks go on.',
        'The drills, dubbed "Allied Resolve," began on Thursday.',
        'He read "War and Peace" on the flight.',
        'Analysts called him the "Iron Chancellor" of Europe.',
    ],
)
def test_scare_quotes_titles_and_nicknames_are_not_speech(text: str) -> None:
    assert quotes(text) == []


def test_the_seed_quotes_and_speakers() -> None:
    article = parse_plain_text(SEED.read_text())
    x = extract_article(article)
    found = {q.text[:25]: q.speaker_name for q in x.quotes}
    assert found == {
        "continue to pursue a dipl": "Antony Blinken",
        "He underscored that, whil": "Ned Price",
        "looks forward to receivin": "Antony Blinken",
        "He noted the Foreign Mini": "Ned Price",
        "in parallel with the Unit": "North Atlantic Treaty Organization",
    }
    spanning = next(q for q in x.quotes if q.text.startswith("He noted"))
    assert (spanning.paragraph, spanning.end_paragraph) == (4, 5)


def test_every_blinken_mention_in_the_seed_is_one_actor() -> None:
    x = extract_article(parse_plain_text(SEED.read_text()))
    blinken_mentions = [m for m in x.mentions if "Blinken" in m.text]
    assert len(blinken_mentions) == 4
    assert {m.actor_key for m in blinken_mentions} == {"person:antony blinken"}
    actor = next(a for a in x.actors if a.key == "person:antony blinken")
    assert actor.titles[0] == "US Secretary of State"
    assert {"Blinken", "Secretary Blinken"} <= set(actor.aliases)


def test_seed_actors_kinds_and_titles() -> None:
    x = extract_article(parse_plain_text(SEED.read_text()))
    kinds = {a.name: a.kind for a in x.actors}
    assert kinds["Sergey Lavrov"] == kinds["Ned Price"] == kinds["Joe Biden"] == "person"
    assert kinds["Russia"] == kinds["United States"] == kinds["Ukraine"] == "country"
    assert kinds["North Atlantic Treaty Organization"] == kinds["Kremlin"] == "organisation"
    titles = {a.name: a.titles for a in x.actors}
    assert titles["Ned Price"] == ("State Department spokesman",)
    assert titles["Joe Biden"] == ("US President",)


def test_capitals_that_act_are_their_country() -> None:
    _, mentions = find_actors("Moscow said the troops were leaving. Talks were held in Moscow.")
    assert [(m.text, m.key) for m in mentions] == [("Moscow", "country:russia")]


def test_country_aliases_merge() -> None:
    _, mentions = find_actors("The U.S. warned Russia. The United States and America agree. Washington has denied it.")
    assert {m.key for m in mentions if m.text != "Russia"} == {"country:united states"}


def test_people_merge_across_articles_in_the_store(tmp_path, capsys) -> None:
    first = tmp_path / "a.txt"
    first.write_text(
        "Wire\nTalks\nPublished March 1, 2022\n\n"
        "US Secretary of State Antony Blinken said on Monday talks would go on.\n"
    )
    second = tmp_path / "b.txt"
    second.write_text(
        "Paper\nMore talks\nPublished March 2, 2022\n\n"
        "Secretary of State Tony Blinken spoke in Geneva. Blinken said more.\n"
    )
    db = tmp_path / "m.db"
    assert main(["ingest", str(first), str(second), "--db", str(db), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["actors", "--db", str(db), "--json", "--kind", "person"]) == 0
    people = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(people) == 1
    assert people[0]["name"] in ("Antony Blinken", "Tony Blinken")
    assert {"Antony Blinken", "Tony Blinken"} <= {people[0]["name"], *people[0]["aliases"]}
    assert people[0]["mentions"] == 3


def test_quotes_command_on_jsonl(tmp_path, capsys) -> None:
    docs = tmp_path / "docs.jsonl"
    text = '"We are ready," said Price.'
    docs.write_text(json.dumps({"doc": "d", "published": "2022-02-15", "text": text}) + "\n")
    assert main(["quotes", "--jsonl", str(docs)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["doc"] == "d" and text[record["start"] : record["end"]] == "We are ready,"  # between the marks
    assert text[record["speaker_start"] : record["speaker_end"]] == "Price"


@pytest.mark.parametrize(
    ("text", "not_people"),
    [
        ("Leaders met at Camp David in the spring.", {"Camp David"}),
        ("The UN General Assembly voted on Wednesday.", {"Assembly"}),
        ("MOSCOW — Troops moved. The Opening Ceremony went ahead.", {"Opening Ceremony"}),
        ("President Joe Biden’s decision was criticised.", {"Joe Biden’s"}),
    ],
)
def test_things_places_and_datelines_are_not_people(text: str, not_people: set[str]) -> None:
    actors, _ = find_actors(text)
    people = {a.name for a in actors if a.kind == "person"}
    assert not people & not_people
    assert "MOSCOW" not in {a.name for a in actors}


def test_untitled_people_with_evidence() -> None:
    actors, _ = find_actors('"It is over," said Jane Doe. Economist Dean Baker argued otherwise.')
    assert {"Jane Doe", "Dean Baker"} <= {a.name for a in actors if a.kind == "person"}


def test_transliterated_surnames_are_one_person() -> None:
    from dateline.extract.actors import same_person

    assert same_person(["Volodymyr", "Zelensky"], ["Volodymyr", "Zelenskyy"])
    assert same_person(["Sergey", "Lavrov"], ["Sergei", "Lavrov"])
    assert not same_person(["Joe", "Biden"], ["Hunter", "Biden"])


def test_a_speaker_shows_the_fullest_name_known_even_for_earlier_articles(tmp_path, capsys) -> None:
    short = tmp_path / "a.txt"
    short.write_text('Wire\nTalks\nPublished March 1, 2022\n\n"We are ready," said Blinken.\n')
    full = tmp_path / "b.txt"
    full.write_text(
        "Paper\nMore talks\nPublished March 2, 2022\n\nSecretary of State Antony Blinken spoke in Geneva.\n"
    )
    db = tmp_path / "n.db"
    assert main(["ingest", str(short), "--db", str(db), "--quiet"]) == 0
    assert main(["ingest", str(full), "--db", str(db), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["quotes", "--db", str(db), "--json"]) == 0
    (quote,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert quote["speaker"] == "Antony Blinken"
