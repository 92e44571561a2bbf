"""Saved web pages, gzipped pages and web archives: what Dateline reads from them and what it stores.

The pages are written here, each in the shape a real site gives it (a teaser before the story, text in
<div>s, an ASP.NET <form> around everything, captions and sign-up boxes, UTC timestamps)."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.cli.main import main
from dateline.extract.articles import ArticleError, parse_html
from dateline.store.schema import migrations, open_store
from dateline.tui.screens import SourceScreen
from tests.conftest import run_json
from tests.test_app import opened, screen_text, settle

STORY = [
    "The regional water authority said on Tuesday that repairs to the main pumping station would take at "
    "least three weeks, leaving about 40,000 households on rationed supplies until the end of the month.",
    "Engineers found cracks in two of the station's four intake pipes during a routine inspection last "
    "week, according to a statement from the authority, which blamed years of deferred maintenance.",
    "Residents in the northern districts have been told to collect drinking water from tankers parked "
    "outside schools and clinics, and the city council has opened six emergency distribution points.",
    "Opposition councillors accused the authority of ignoring warnings about the ageing pipes, pointing "
    "to an audit published two years ago that recommended replacing them before the next dry season.",
    "The authority's director, Miriam Okafor, told reporters that a temporary bypass would restore "
    "partial pressure by Friday and that the full cost of the repairs had not yet been calculated.",
]


def page(body: str, head: str = "", url: str | None = None) -> str:
    """A page with the chrome a news site puts around its story: menus, a sidebar, a footer."""
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Water rationing to last weeks | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">{canonical}{head}</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main>{body}</main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Council approves new bus lanes</a></li>
<li><a href="/b">Festival returns to the riverside park</a></li></ul></aside>
<footer><p>© 2022 Valley Courier. All rights reserved.</p><p><a href="/privacy">Privacy policy</a></p></footer>
</body></html>"""


def paragraphs_html(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def story_article(extra: str = "") -> str:
    return f"<article><h1>Water rationing to last weeks</h1>{extra}{paragraphs_html(STORY)}</article>"


def read(html: str):  # type: ignore[no-untyped-def]
    return parse_html(html, "page.html")


def test_a_teaser_article_before_the_story_does_not_hide_the_story() -> None:
    teaser = (
        '<article class="promo"><h2><a href="/live">Live: flood warnings across the valley</a></h2>'
        "<p>Follow our live coverage.</p></article>"
    )
    article = read(page(teaser + story_article()))
    texts = [p.text for p in article.paragraphs]
    start = texts.index(STORY[0])
    assert texts[start : start + len(STORY)] == STORY
    assert article.title == "Water rationing to last weeks"


def test_text_in_divs_and_line_breaks_is_read() -> None:
    body = '<div class="story-body">' + "<br><br>".join(STORY) + "</div>"
    article = read(page(f"<h1>Water rationing to last weeks</h1>{body}"))
    text = " ".join(p.text for p in article.paragraphs)
    for sentence in STORY:
        assert sentence in text
    assert len(article.paragraphs) >= len(STORY)


def test_a_story_inside_a_form_is_read() -> None:
    html = page(f'<form id="aspnetForm" method="post" action="./story.aspx"><div>{story_article()}</div></form>')
    assert [p.text for p in read(html).paragraphs] == STORY


def test_captions_and_newsletter_boxes_are_left_out() -> None:
    caption = (
        '<figure><img src="/img/tanker.jpg" alt="">'
        "<figcaption><p>Residents queue at a water tanker outside a primary school. Photo: Staff</p></figcaption>"
        "</figure>"
    )
    newsletter = (
        '<div class="newsletter-signup"><p>Get the Morning Courier in your inbox: the day\'s top stories, '
        'every weekday at 7am.</p><form><input type="email"><button>Sign up</button></form></div>'
    )
    body = (
        "<article><h1>Water rationing to last weeks</h1>"
        + paragraphs_html(STORY[:2])
        + caption
        + paragraphs_html(STORY[2:4])
        + newsletter
        + paragraphs_html(STORY[4:])
        + "</article>"
    )
    texts = [p.text for p in read(page(body)).paragraphs]
    assert texts == STORY


def test_a_utc_timestamp_past_midnight_is_dated_where_the_page_is() -> None:
    # 02:15 UTC on 4 March is 21:15 on 3 March in New York, where the page says it was published
    head = (
        '<meta property="article:published_time" content="2022-03-04T02:15:00Z">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Water rationing to last weeks", "datePublished": "2022-03-03T21:15:00-05:00"}</script>'
    )
    article = read(page(story_article(), head=head))
    assert article.published == dt.date(2022, 3, 3)
    assert article.published_source == "meta"


def test_the_url_date_wins_over_the_date_part_of_a_utc_timestamp() -> None:
    head = '<meta property="article:published_time" content="2022-03-04T02:15:00Z">'
    url = "https://courier.example/news/2022/03/03/water-rationing-to-last-weeks/"
    article = read(page(story_article(), head=head, url=url))  # the page's canonical address
    assert article.published == dt.date(2022, 3, 3)
    assert article.url == url


def test_a_page_with_only_a_url_date_is_dated_by_it_and_stored(tmp_path: Path, capsys) -> None:
    url = "https://courier.example/2022/03/03/water-rationing-to-last-weeks"
    path = tmp_path / "story.html"
    path.write_text(page(story_article(), url=url), encoding="utf-8")
    db = tmp_path / "s.db"
    assert main(["ingest", str(path), "--db", str(db), "--quiet"]) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("select published, url from articles").fetchall() == [("2022-03-03", url)]
    [record] = run_json(capsys, "parse", "--json", str(path))
    assert (record["published"], record["published_source"], record["url"]) == ("2022-03-03", "url", url)


def test_a_gzipped_page_is_ingested_from_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    html = page(story_article(), head='<meta property="article:published_time" content="2022-03-03T09:00:00+00:00">')
    (folder / "story.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    (folder / "photo.jpg.gz").write_bytes(gzip.compress(b"\xff\xd8\xff\xe0 not an article"))
    db = tmp_path / "g.db"
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select title, outlet, published, format, source from articles").fetchall()
        assert rows == [
            ("Water rationing to last weeks", "Valley Courier", "2022-03-03", "html", str(folder / "story.html.gz"))
        ]
        assert conn.execute("select count(*) from paragraphs").fetchone()[0] == len(STORY)


def test_a_corrupt_gzip_file_is_refused_with_a_reason(tmp_path: Path, capsys) -> None:
    path = tmp_path / "broken.html.gz"
    path.write_bytes(gzip.compress(page(story_article()).encode())[:60])
    assert main(["ingest", str(path), "--db", str(tmp_path / "b.db"), "--quiet"]) == 1
    assert f"{path}: not a readable gzip file" in capsys.readouterr().err


def warc_record(writer: WARCWriter, url: str, html: bytes, date: str, content_type: str = "text/html") -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(html), http_headers=headers, warc_headers_dict={"WARC-Date": date}
    )
    writer.write_record(record)


def write_warc(path: Path) -> None:
    second = [
        "Farmers in the valley say the dry spring has already cut the first hay harvest by a third, and "
        "several have begun selling livestock they can no longer feed through the summer months.",
        "The agriculture ministry promised emergency feed subsidies on Monday but gave no figure, saying "
        "the amount would depend on a survey of affected farms due to be completed in June.",
    ]
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        warc_record(
            writer,
            "https://courier.example/2022/03/03/water-rationing/",
            page(story_article()).encode("utf-8"),
            "2022-03-05T08:00:00Z",
        )
        warc_record(
            writer, "https://courier.example/logo.png", b"\x89PNG\r\n\x1a\n", "2022-03-05T08:00:01Z", "image/png"
        )
        farm = "<article><h1>Dry spring cuts hay harvest</h1>" + paragraphs_html(second * 2) + "</article>"
        warc_record(
            writer,
            "https://courier.example/2022/04/11/dry-spring-hay/",
            page(farm).encode("utf-8"),
            "2022-04-12T10:30:00Z",
        )


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_each_page_of_a_web_archive_is_one_article_with_its_url_and_capture_date(
    tmp_path: Path, capsys, name: str
) -> None:
    path = tmp_path / name
    write_warc(path)
    records = run_json(capsys, "parse", "--json", str(path))
    assert [(r["file"], r["title"], r["url"], r["published"], r["captured"]) for r in records] == [
        (
            f"{path}#1",
            "Water rationing to last weeks",
            "https://courier.example/2022/03/03/water-rationing/",
            "2022-03-03",
            "2022-03-05T08:00:00Z",
        ),
        (
            f"{path}#2",
            "Dry spring cuts hay harvest",
            "https://courier.example/2022/04/11/dry-spring-hay/",
            "2022-04-11",
            "2022-04-12T10:30:00Z",
        ),
    ]
    db = tmp_path / "w.db"
    assert main(["ingest", str(tmp_path), "--db", str(db), "--quiet"]) == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select source, url, captured from articles order by published").fetchall()
    assert rows == [
        (f"{path}#1", "https://courier.example/2022/03/03/water-rationing/", "2022-03-05T08:00:00Z"),
        (f"{path}#2", "https://courier.example/2022/04/11/dry-spring-hay/", "2022-04-12T10:30:00Z"),
    ]


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_an_archive_cut_short_keeps_its_whole_pages_and_names_the_cut_one(tmp_path: Path, capsys, name: str) -> None:
    whole = tmp_path / f"whole-{name}"
    write_warc(whole)
    data = whole.read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: len(data) * 4 // 5])  # the second page loses its end
    whole.unlink()
    capsys.readouterr()
    assert main(["parse", "--json", str(path)]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Water rationing to last weeks"]
    assert f"{path}#2: https://courier.example/2022/04/11/dry-spring-hay/: the archive ends inside this page" in err


def test_a_file_that_is_not_a_web_archive_is_refused_with_a_reason(tmp_path: Path, capsys) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("these are my notes, not an archive\n")
    assert main(["ingest", str(path), "--db", str(tmp_path / "n.db"), "--quiet"]) == 1
    assert f"{path}: not a readable web archive" in capsys.readouterr().err


def test_the_byline_is_article_metadata_never_an_actor(tmp_path: Path, capsys) -> None:
    head = (
        '<meta name="author" content="Daniel Whitcombe">'
        '<meta property="article:published_time" content="2022-03-03T09:00:00+00:00">'
    )
    path = tmp_path / "story.html"
    path.write_text(page(story_article('<p class="byline">By Daniel Whitcombe</p>'), head=head))
    db = tmp_path / "a.db"
    assert main(["ingest", str(path), "--db", str(db), "--quiet"]) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("select author from articles").fetchall() == [("Daniel Whitcombe",)]
        assert conn.execute("select count(*) from actors where name like '%Whitcombe%'").fetchone() == (0,)
        assert conn.execute("select count(*) from events where text like '%Whitcombe%'").fetchone() == (0,)
    [event, *_] = run_json(capsys, "events", "--json", "--db", str(db))
    assert event["article"]["author"] == "Daniel Whitcombe"
    out = tmp_path / "export.md"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    assert "“Water rationing to last weeks” by Daniel Whitcombe, published 2022-03-03" in out.read_text()


async def test_the_source_view_shows_the_byline(tmp_path: Path) -> None:
    head = (
        '<meta name="author" content="Daniel Whitcombe">'
        '<meta property="article:published_time" content="2022-03-03T09:00:00+00:00">'
    )
    path = tmp_path / "story.html"
    path.write_text(page(story_article(), head=head))
    db = tmp_path / "v.db"
    assert main(["ingest", str(path), "--db", str(db), "--quiet"]) == 0
    async with opened(db) as (pilot, app):
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, SourceScreen)
        assert "Valley Courier · by Daniel Whitcombe · published 2022-03-03" in screen_text(app)


def test_a_page_in_the_character_set_it_declares_is_read_without_a_warning(tmp_path: Path, capsys) -> None:
    text = (
        "Министр иностранных дел заявил во вторник, что переговоры продолжатся на следующей неделе в "
        "Женеве, а делегации обменяются письменными предложениями до начала новой встречи."
    )
    html = page(f"<article><h1>Переговоры продолжатся</h1><p>{text}</p><p>{text}</p></article>")
    path = tmp_path / "cyrillic.html"
    path.write_bytes(html.replace('<meta charset="utf-8">', '<meta charset="windows-1251">').encode("cp1251"))
    capsys.readouterr()
    assert main(["parse", "--json", str(path)]) == 0
    out, err = capsys.readouterr()
    [record] = [json.loads(line) for line in out.splitlines()]
    assert record["title"] == "Переговоры продолжатся"
    assert record["paragraphs"][0] == text
    assert err == ""
    # a page re-encoded to UTF-8 when it was saved can keep its old declaration: UTF-8 wins
    path.write_bytes(html.replace('<meta charset="utf-8">', '<meta charset="windows-1251">').encode("utf-8"))
    [record] = run_json(capsys, "parse", "--json", str(path))
    assert record["paragraphs"][0] == text


def test_parse_prints_what_it_reads_and_stores_nothing(tmp_path: Path, capsys) -> None:
    path = tmp_path / "undated.html"
    path.write_text(page(story_article()))
    [record] = run_json(capsys, "parse", "--json", str(path), "--published", "2022-03-09")
    assert record == {
        "file": str(path),
        "format": "html",
        "title": "Water rationing to last weeks",
        "outlet": "Valley Courier",
        "author": None,
        "published": "2022-03-09",
        "published_source": "given",
        "url": None,
        "captured": None,
        "paragraphs": STORY,
    }
    assert main(["parse", str(path)]) == 0
    line = capsys.readouterr().out
    assert line.startswith(f"{path}\thtml\t") and "5 paragraphs" in line
    assert not list(tmp_path.glob("*.db")) and not Path(str(tmp_path / "home")).exists()


def test_parse_names_a_page_without_text_and_fails(tmp_path: Path, capsys) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    assert main(["parse", str(path)]) == 1
    assert f"error: {path}: no article text found in the HTML" in capsys.readouterr().err
    with pytest.raises(ArticleError):
        parse_html(path.read_text())


def test_a_store_from_before_bylines_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    migrations.apply(sqlite_utils.Database(path), stop_before="m005_article_author")
    assert "author" not in sqlite_utils.Database(path)["articles"].columns_dict
    db = open_store(path)
    assert {"author", "captured"} <= set(db["articles"].columns_dict)


def test_json_lines_records_keep_their_author(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.jsonl"
    record = {"title": "T", "author": "Ana Ruiz", "published": "2022-03-01", "text": "Talks resumed on Monday."}
    path.write_text(json.dumps(record) + "\n")
    [parsed] = run_json(capsys, "parse", "--json", str(path))
    assert (parsed["author"], parsed["published_source"]) == ("Ana Ruiz", "meta")
