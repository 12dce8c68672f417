"""My team in pages: the table and the heatmap show ``PER_PAGE`` people a page,
while sorting, filters, the flag chips and the export work over everyone."""

import csv
import html
import io
import re

import pytest

from salesmap.review.views.team import PER_PAGE
from tests.review import test_team
from tests.review.test_team import add_team, count_queries

world = test_team.world  # the fixture add_team builds on: an SDR role, its plan, lessons, a quiz

DEPARTMENT = 120


@pytest.fixture
def department(world, manager, sales_ops, client_for):
    """Sales Ops' view of a department of exactly ``DEPARTMENT`` people."""
    client = client_for(sales_ops)
    already = client.get("/team/").context["total"]
    add_team(world, manager, DEPARTMENT - already)
    return client


def shown(response):
    """The people's ids of the rows in the page's HTML, in order."""
    return re.findall(r'data-person-row="(\d+)"', response.content.decode())


def usernames(response):
    return [row.person.username for row in response.context["rows"]]


def page_links(response):
    """The hrefs of the page navigation, unescaped."""
    nav = re.search(r'<nav class="pagination[^"]*" aria-label="Pages">(.*?)</nav>', _text(response))
    assert nav, "no page navigation"
    return [html.unescape(href) for href in re.findall(r'href="([^"]*)"', nav.group(1))]


def _text(response):
    return response.content.decode().replace("\n", " ")


def export_lines(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_department_table_shows_fifty_people_a_page(department):
    assert PER_PAGE == 50
    first = department.get("/team/")
    assert len(shown(first)) == 50
    assert first.context["page_obj"].paginator.num_pages == 3
    assert "Showing 1–50 of 120 people" in first.content.decode()
    last = department.get("/team/?page=3")
    assert len(shown(last)) == 20
    assert "Showing 101–120 of 120 people" in last.content.decode()
    everyone = {pk for page in (1, 2, 3) for pk in shown(department.get(f"/team/?page={page}"))}
    assert len(everyone) == DEPARTMENT


@pytest.mark.parametrize("sort", ["name", "-name", "-flags"])
def test_the_sort_order_continues_across_pages(department, sort):
    in_order = [
        line["Username"] for line in export_lines(department, f"/team/export/csv/?sort={sort}")
    ]
    pages = [usernames(department.get(f"/team/?sort={sort}&page={n}")) for n in (1, 2, 3)]
    assert pages[1][0] == in_order[50]  # the 51st person opens page 2
    assert pages[0] + pages[1] + pages[2] == in_order


def test_by_name_the_51st_name_is_first_on_page_two(department):
    everyone = department.get("/team/export/csv/?sort=name")
    names = sorted(
        (line["Name"] for line in csv.DictReader(io.StringIO(b"".join(everyone).decode()))),
        key=str.casefold,
    )
    second = department.get("/team/?sort=name&page=2")
    assert str(second.context["rows"][0].person) == names[50]


def test_a_flag_filter_paginates_the_people_with_the_flag(department):
    behind = department.get("/team/").context["flags"][1]
    assert behind["key"] == "behind" and behind["count"] > PER_PAGE  # enough for two pages
    first = department.get("/team/?flag=behind")
    assert first.context["page_obj"].paginator.count == behind["count"]
    second = department.get("/team/?flag=behind&page=2")
    assert len(shown(second)) == behind["count"] - PER_PAGE
    rows = first.context["rows"] + second.context["rows"]
    assert all("behind" in row.flag_keys for row in rows)
    assert len({row.person.pk for row in rows}) == behind["count"]


def test_the_flag_chips_and_totals_count_everyone_not_the_page(department):
    lines = export_lines(department, "/team/export/csv/")
    behind = sum("Behind plan" in line["Flags"] for line in lines)
    flagged = sum(bool(line["Flags"]) for line in lines)
    for url in ("/team/?page=3", "/team/?flag=behind&page=2", "/team/?q=bulk1"):
        context = department.get(url).context
        assert context["total"] == DEPARTMENT
        assert context["flagged"] == flagged
        assert {flag["key"]: flag["count"] for flag in context["flags"]}["behind"] == behind


def test_page_links_keep_the_other_parameters(department):
    response = department.get("/team/?scope=subtree&sort=-name&q=bulk&page=2")
    links = page_links(response)
    assert "?scope=subtree&sort=-name&q=bulk" in links  # page 1: no page parameter
    assert "?scope=subtree&sort=-name&q=bulk&page=3" in links
    assert all("scope=subtree&sort=-name&q=bulk" in link for link in links)
    text = _text(response)
    assert re.search(r'<a href="[^"]*page=2"[^>]*aria-current="page"', text)
    assert 'rel="prev"' in text and 'rel="next"' in text


def test_sorting_filtering_and_exporting_start_again_from_the_first_page(department):
    text = _text(department.get("/team/?sort=name&page=2"))
    sort_links = re.findall(r'class="sort-link" href="([^"]*)"', text)
    chip_links = re.findall(r'class="flag-filter[^"]*" href="([^"]*)"', text)
    export_links = re.findall(r'href="(/team/(?:export|heatmap)[^"]*)"', text)
    assert sort_links and chip_links and len(export_links) == 3
    assert not any("page=" in link for link in sort_links + chip_links + export_links)


def test_many_pages_are_elided_around_the_current_one(world, manager, sales_ops, client_for):
    add_team(world, manager, 20 * PER_PAGE)
    text = _text(client_for(sales_ops).get("/team/?page=10"))
    numbers = re.findall(r'aria-label="Page (\d+)"', text)
    assert numbers == ["1", "8", "9", "10", "11", "12", "21"]
    assert text.count("…") >= 2


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "2abc"])
def test_a_page_that_is_not_a_whole_number_from_one_is_a_400(department, page):
    for url in ("/team/", "/team/heatmap/", "/team/export/csv/"):
        response = department.get(f"{url}?page={page}")
        assert response.status_code == 400
        assert b"Unknown page" in response.content


def test_a_page_past_the_end_shows_the_last_page(department):
    response = department.get("/team/?page=99")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 3 and len(shown(response)) == 20
    huge = department.get("/team/?page=" + "9" * 30)
    assert huge.status_code == 200 and huge.context["page_obj"].number == 3


def test_the_export_has_everyone_not_a_page(department):
    for url in ("/team/export/csv/", "/team/export/csv/?page=2&sort=-name"):
        assert len(export_lines(department, url)) == DEPARTMENT


def test_the_heatmap_shows_fifty_people_a_page_with_everyone_s_totals(department):
    first = department.get("/team/heatmap/")
    assert len(first.context["heatmap"].rows) == DEPARTMENT  # the totals are everyone's
    assert first.content.decode().count('<th scope="row"><a href="/team/people/') == 50
    last = department.get("/team/heatmap/?of=quizzes&page=3")
    assert last.content.decode().count('<th scope="row"><a href="/team/people/') == 20
    assert "?of=quizzes&page=2" in page_links(last)


@pytest.mark.parametrize("url", ["/team/", "/team/?page=2&sort=-flags", "/team/heatmap/?page=2"])
def test_the_page_costs_the_same_queries_for_60_and_200_people(
    world, manager, sales_ops, client_for, url
):
    client = client_for(sales_ops)
    already = client.get("/team/").context["total"]
    add_team(world, manager, 60 - already)
    count_queries(client, url)  # warm the per-process caches
    sixty = count_queries(client, url)
    add_team(world, manager, 140, offset=60)
    assert client.get("/team/").context["total"] == 200
    assert count_queries(client, url) == sixty
