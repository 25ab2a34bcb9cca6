"""templates/: structural WCAG checks on the public and staff pages (headings, labels, landmarks)."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from pb.demo.seed import seed_demo


class PageStructure(HTMLParser):
    """Collects what the checks need: headings, ids, labels, form fields, landmarks."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.ids: set[str] = set()
        self.label_targets: set[str] = set()
        self.fields: list[dict[str, str | None]] = []
        self.images: list[dict[str, str | None]] = []
        self.tags: list[str] = []
        self.skip_link: str | None = None
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append(tag)
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        elif tag == "label" and attributes.get("for"):
            self.label_targets.add(attributes["for"] or "")
        elif tag in ("input", "select", "textarea") and attributes.get("type") != "hidden":
            self.fields.append(attributes)
        elif tag == "img":
            self.images.append(attributes)
        elif tag == "a" and "skipnav" in (attributes.get("class") or ""):
            self.skip_link = attributes.get("href")


def _structure(html: str) -> PageStructure:
    parser = PageStructure()
    parser.feed(html)
    return parser


@pytest.fixture
def demo(session):
    seed_demo(session)
    session.commit()


@pytest.mark.parametrize("path", ["/", "/lokalsamfund/tranbjerg", "/staff/login", "/findes-ikke", "/?lang=en"])
def test_public_pages_have_sound_structure(client, demo, path) -> None:
    """One h1, no skipped heading levels, a working skip link, landmarks, labelled fields and alt texts."""
    assert_sound_structure(client.get(path).get_data(as_text=True))


def assert_sound_structure(html: str) -> None:
    """The structural WCAG checks every page must pass (other features' tests call this too)."""
    page = _structure(html)
    assert page.html_lang in ("da", "en")
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:])), page.headings
    assert page.skip_link == "#main-content" and "main-content" in page.ids
    assert {"header", "main", "footer", "nav"} <= set(page.tags)
    for field in page.fields:
        assert field.get("id") in page.label_targets or field.get("aria-label"), field
    assert all(image.get("alt") is not None for image in page.images)


def test_field_errors_are_tied_to_their_fields(client, csrf_token) -> None:
    """An invalid field points at its error text with aria-describedby and is marked invalid."""
    html = client.post("/staff/login", data={"email": "nope", "password": "", "csrf_token": csrf_token()}).get_data(
        as_text=True
    )
    page = _structure(html)
    email = next(f for f in page.fields if f.get("name") == "email")
    assert email.get("aria-invalid") == "true"
    assert email.get("aria-describedby") == "email-error" and "email-error" in page.ids


def test_english_pages_mark_danish_text(client, demo, session, signed_in) -> None:
    """On English pages, proposal titles, summaries, categories and the round's name are marked lang="da"."""
    from html import escape

    from sqlalchemy import select

    from pb.proposals.models import Proposal, ProposalStatus

    proposal = session.scalars(select(Proposal).where(Proposal.status == ProposalStatus.APPROVED)).first()
    community_page = client.get(f"/lokalsamfund/{proposal.community.slug}?lang=en").get_data(as_text=True)
    assert f'<h3 class="card-heading h4" lang="da"><a href="/forslag/{proposal.id}">{escape(proposal.title)}</a></h3>' in community_page
    assert f'<p lang="da">{escape(proposal.summary)}</p>' in community_page
    assert f'<span lang="da">{escape(proposal.category.name)}</span>' in community_page
    assert f'<h1 lang="da">{escape(proposal.community.name)}</h1>' in community_page
    from pb.auth.models import StaffUser

    official = session.scalar(select(StaffUser).where(StaffUser.email == "medarbejder@demo.oplandspuljen.dk"))
    signed_in(official, password="demo-medarbejder-2027")
    dashboard = client.get("/staff/?lang=en").get_data(as_text=True)
    assert f'<span lang="da">{escape(proposal.round.name)}</span>' in dashboard
