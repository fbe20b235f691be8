"""The public board at scale: keyset pages (stable, no duplicates or gaps when complaints arrive), bad
cursors, privacy of search (only public rows, only the masked copy), topic and unit filters, notices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from complaints.services import board as board_service
from complaints.tables import Complaint, ComplaintPublic
from tests.helpers import html, make_unit

BASE = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
_counter = iter(range(1, 1_000_000))


async def add(
    title: str,
    *,
    status: str = "in_progress",
    confidential: bool = False,
    topic: str = "lainnya",
    unit: int | None = None,
    minutes: int = 0,
    description: str = "",
    public_title: str | None = None,
    copy: bool = True,
) -> int:
    """A complaint with its public copy (`public_title`: the masked title when it differs)."""
    n = next(_counter)
    moment = BASE + timedelta(minutes=minutes)
    row = Complaint(
        tracking_code=f"TST-{n:08d}",
        title=title,
        description=description or f"Uraian {title}",
        status=status,
        is_confidential=confidential,
        topic=topic,
        unit=unit,
        created_at=moment,
        updated_at=moment,
    )
    await row.save()
    if copy:
        await ComplaintPublic(
            complaint=row.id,
            title=public_title if public_title is not None else title,
            description=description or f"Uraian {title}",
            masked_at=moment,
        ).save()
    return row.id


def titles(page) -> list[str]:
    return [r.select_one("h2").get_text(strip=True) for r in page.select(".board-item")]


def link(page, rel: str) -> str | None:
    anchor = page.select_one(f'nav a[rel="{rel}"]')
    return anchor["href"] if anchor else None


async def test_cursor_pages_keep_their_order_with_no_duplicates_or_gaps_while_complaints_arrive(client) -> None:
    for i in range(60):
        await add(f"Keluhan nomor {i:02d}", minutes=i // 2)  # pairs share a created_at: ties broken by id
    first = html(await client.get("/pengaduan/"))
    seen = titles(first)
    assert seen[0] == "Keluhan nomor 59" and len(seen) == 25
    assert "Halaman 1 dari 3" in first.get_text(" ", strip=True)
    await add("Keluhan terbaru", minutes=999)  # arrives while the citizen reads page 1
    href = link(first, "next")
    pages = [first]
    while href:
        page = html(await client.get(f"/pengaduan/{href}"))
        pages.append(page)
        seen += titles(page)
        href = link(page, "next")
    assert seen == [f"Keluhan nomor {i:02d}" for i in range(59, -1, -1)]  # each once, in order
    assert "Keluhan terbaru" not in seen
    assert "Halaman 3" in pages[-1].get_text(" ", strip=True)
    back = html(await client.get(f"/pengaduan/{link(pages[-1], 'prev')}"))
    assert titles(back) == [f"Keluhan nomor {i:02d}" for i in range(34, 9, -1)]
    assert "Halaman 2" in back.get_text(" ", strip=True)
    earlier = html(await client.get(f"/pengaduan/{link(back, 'prev')}"))
    assert titles(earlier) == [f"Keluhan nomor {i:02d}" for i in range(59, 34, -1)]  # the same rows as before
    newest = html(await client.get(f"/pengaduan/{link(earlier, 'prev')}"))  # then what arrived meanwhile
    assert titles(newest) == ["Keluhan terbaru"] and link(newest, "prev") is None


async def test_old_page_numbers_still_work(client) -> None:
    for i in range(30):
        await add(f"Keluhan nomor {i:02d}", minutes=i)
    page = html(await client.get("/pengaduan/?page=2"))
    assert titles(page) == [f"Keluhan nomor {i:02d}" for i in range(4, -1, -1)]
    assert "Halaman 2 dari 2" in page.get_text(" ", strip=True)
    assert titles(html(await client.get("/pengaduan/?page=9"))) == titles(html(await client.get("/pengaduan/")))


async def test_a_bad_or_stale_cursor_is_a_clear_400(client) -> None:
    await add("Satu keluhan")
    for bad in ("xyz", "%00abc", "YTk5OTk5OTk5LjI", "Yjx4PjE"):  # junk, NUL, a cursor to no complaint, forged
        response = await client.get(f"/pengaduan/?cursor={bad}")
        assert response.status_code == 400, bad
        assert "Tautan halaman tidak berlaku lagi" in response.text
    english = await client.get("/pengaduan/?cursor=xyz&lang=en")
    assert english.status_code == 400 and "no longer valid" in english.text
    assert (await client.get("/pengaduan/?page=5000")).status_code == 400


async def test_search_never_finds_rahasia_unverified_archived_or_masked_text(client) -> None:
    await add("Jalan berlubang di Desa Maju", description="Jalan berlubang, lapor ke Budi 0812-3456-7890")
    await add("Jalan rusak rahasia", confidential=True)
    await add("Jalan rusak baru masuk", status="received")
    await add("Jalan rusak diarsipkan", status="archived")
    await add("Jalan rusak tanpa salinan", copy=False)
    await add(
        "Budi Santoso minta uang jalan",
        public_title="[nama] minta uang jalan",
        description="Uraian [nama] minta uang jalan",
    )
    found = titles(html(await client.get("/pengaduan/?q=jalan")))
    assert sorted(found) == ["Jalan berlubang di Desa Maju", "[nama] minta uang jalan"]
    assert titles(html(await client.get("/pengaduan/?q=budi santoso"))) == []  # masked text is never found
    assert titles(html(await client.get("/pengaduan/?q=rahasia"))) == []


async def test_search_shows_why_a_row_matched_safely_escaped(client) -> None:
    await add("Pungutan <b>liar</b>", description="Petugas minta <script>uang</script> pelicin untuk KTP")
    response = await client.get("/pengaduan/?q=pelicin")
    assert "<script>" not in response.text
    snippet = html(response).select_one(".board-snippet")
    assert snippet.select_one("mark").get_text() == "pelicin"
    assert "<script>uang</script>" in snippet.get_text()


async def test_topic_words_find_cases_of_that_topic_and_filters_narrow(client) -> None:
    unit_a = await make_unit("dinas-a", "Dinas A")
    unit_b = await make_unit("dinas-b", "Dinas B")
    await add("Diminta uang untuk KTP", topic="pungli", unit=unit_a)
    await add("Petugas minta amplop", topic="pungli", unit=unit_b)
    await add("Pungli di kantor desa", topic="pungli", confidential=True, unit=unit_a)
    await add("Lampu mati", topic="penerangan_jalan", unit=unit_a)
    assert sorted(titles(html(await client.get("/pengaduan/?q=pungli")))) == [
        "Diminta uang untuk KTP",
        "Petugas minta amplop",
    ]
    assert titles(html(await client.get(f"/pengaduan/?q=pungli&unit_id={unit_a}"))) == ["Diminta uang untuk KTP"]
    assert titles(html(await client.get("/pengaduan/?topic=penerangan_jalan"))) == ["Lampu mati"]
    assert titles(html(await client.get(f"/pengaduan/?topic=pungli&unit_id={unit_b}"))) == ["Petugas minta amplop"]


async def test_short_words_match_whole_words_only_on_either_database(client) -> None:
    """ktp, kk, sim (under four letters) find the word, never a longer word that contains it."""
    await add("SIM hilang di pasar", minutes=1)
    await add("Macet di persimpangan", description="Lampu persimpangan padam", minutes=2)
    await add("Data KK salah", description="Nama di KK keliru", minutes=3)
    await add("Dugaan KKN pengadaan", description="Panitia kkn", minutes=4)
    copy = await add("e-KTP belum jadi", description="Blanko habis", minutes=5)
    await add("Mesin simpan rusak", description="Alat simx rusak", minutes=6)
    assert titles(html(await client.get("/pengaduan/?q=sim"))) == ["SIM hilang di pasar"]
    assert titles(html(await client.get("/pengaduan/?q=kk"))) == ["Data KK salah"]
    assert titles(html(await client.get("/pengaduan/?q=ktp"))) == ["e-KTP belum jadi"]
    assert titles(html(await client.get("/pengaduan/?q=persimpangan"))) == ["Macet di persimpangan"]
    await ComplaintPublic.update({ComplaintPublic.title: "Kartu belum jadi"}).where(ComplaintPublic.complaint == copy)
    assert titles(html(await client.get("/pengaduan/?q=ktp"))) == []  # the index follows the public copy
    await ComplaintPublic.update({ComplaintPublic.description: "Blanko KTP habis"}).where(
        ComplaintPublic.complaint == copy
    )
    assert titles(html(await client.get("/pengaduan/?q=ktp"))) == ["Kartu belum jadi"]


async def test_search_for_sim_skck_paspor_says_where_to_go(client) -> None:
    for query, place in (("sim", "Satpas"), ("SKCK", "Polsek"), ("perpanjang paspor", "Kantor Imigrasi")):
        for path in ("/cari", "/pengaduan/"):
            page = html(await client.get(path, params={"q": query}))
            notice = page.select_one(".search-notice")
            assert notice is not None and place in notice.get_text(), (path, query)
    english = html(await client.get("/cari", params={"q": "skck", "lang": "en"}))
    assert "police" in english.select_one(".search-notice").get_text()
    assert html(await client.get("/cari", params={"q": "akta"})).select_one(".search-notice") is None


async def test_search_counts_are_cached_and_capped(app, client, monkeypatch) -> None:
    monkeypatch.setattr(board_service, "COUNT_CAP", 3)
    for i in range(5):
        await add(f"Jalan rusak {i}", minutes=i)
    page = html(await client.get("/pengaduan/?q=jalan"))
    assert "Lebih dari 3 pengaduan" in page.get_text(" ", strip=True)
    await Complaint.update({Complaint.status: "archived"}).where(Complaint.title != "Jalan rusak 4")
    page = html(await client.get("/pengaduan/?q=jalan"))  # the search's count is kept a minute
    assert "Lebih dari 3 pengaduan" in page.get_text(" ", strip=True)
    assert titles(page) == ["Jalan rusak 4"]
    app.state[board_service.COUNTS_STATE_KEY].clear()  # as a minute later
    assert "1 pengaduan" in html(await client.get("/pengaduan/?q=jalan")).get_text(" ", strip=True)


async def shown(client, query: str = "") -> str:
    return html(await client.get(f"/pengaduan/{query}")).get_text(" ", strip=True)


async def exact(unit: int | None = None, topic: str = "") -> int:
    """COUNT(*) of what the board shows, as the database counts it now."""
    where, args = board_service._filters(unit_id=unit, topic=topic)
    return (await Complaint.raw(f"SELECT count(*) AS n FROM complaint c WHERE {where}", *args))[0]["n"]


async def assert_counts_exact(units: list[int], topics: list[str]) -> None:
    for unit in [None, *units]:
        for topic in ["", *topics]:
            assert await board_service.board_count(unit_id=unit, topic=topic) == await exact(unit, topic), (unit, topic)


async def test_board_and_filter_counts_stay_exact_through_every_change(client) -> None:
    """The page indicator (board, unit filter, topic filter) follows each change at once, no COUNT(*) needed."""
    unit_a, unit_b = await make_unit("dinas-a"), await make_unit("dinas-b")
    units, topics = [unit_a, unit_b], ["jalan_jembatan", "pungli"]
    first = await add("Jalan rusak", unit=unit_a, topic="jalan_jembatan")
    second = await add("Pungli loket", unit=unit_a, topic="pungli")
    received = await add("Belum diperiksa", status="received", unit=unit_b, topic="pungli")
    await add("Rahasia", confidential=True, unit=unit_b, topic="pungli")
    await add("Tanpa unit", unit=None, topic="jalan_jembatan")
    await assert_counts_exact(units, topics)
    assert "3 pengaduan" in await shown(client)
    assert "2 pengaduan" in await shown(client, f"?unit_id={unit_a}")
    assert "1 pengaduan" in await shown(client, "?topic=pungli")

    await Complaint.update({Complaint.status: "verified"}).where(Complaint.id == received)  # published
    await assert_counts_exact(units, topics)
    assert "4 pengaduan" in await shown(client)
    assert "2 pengaduan" in await shown(client, "?topic=pungli")

    await Complaint.update({Complaint.is_confidential: True}).where(Complaint.id == first)  # made rahasia
    await assert_counts_exact(units, topics)
    assert "3 pengaduan" in await shown(client)
    await Complaint.update({Complaint.is_confidential: False}).where(Complaint.id == first)
    await Complaint.update({Complaint.status: "answered"}).where(Complaint.id == first)  # stays on the board
    await assert_counts_exact(units, topics)
    assert "4 pengaduan" in await shown(client)

    await Complaint.update({Complaint.unit: unit_b, Complaint.topic: "pungli"}).where(Complaint.id == first)
    await assert_counts_exact(units, topics)
    assert "1 pengaduan" in await shown(client, f"?unit_id={unit_a}")
    assert "3 pengaduan" in await shown(client, "?topic=pungli")

    await Complaint.update({Complaint.status: "archived"}).where(Complaint.id == second)  # off the board
    await assert_counts_exact(units, topics)
    assert "3 pengaduan" in await shown(client)

    await ComplaintPublic.delete().where(ComplaintPublic.complaint == first)
    await Complaint.delete().where(Complaint.id == first)
    await assert_counts_exact(units, topics)
    assert "2 pengaduan" in await shown(client)


async def test_recount_puts_wrong_counts_right(client) -> None:
    unit = await make_unit("dinas-a")
    for i in range(3):
        await add(f"Lampu mati {i}", unit=unit, topic="jalan_jembatan")
    await Complaint.raw("UPDATE complaint_board_count SET n = n + 7")  # e.g. a restored copy without triggers
    assert "10 pengaduan" in await shown(client)
    assert await board_service.recount() == 3
    await assert_counts_exact([unit], ["jalan_jembatan"])
    assert "3 pengaduan" in await shown(client)


def test_cursors_round_trip() -> None:
    cursor = board_service.Cursor("before", 123, 4)
    assert board_service.Cursor.decode(cursor.encode()) == cursor
    assert parse_qs(urlsplit(f"/?cursor={cursor.encode()}").query)["cursor"] == [cursor.encode()]
