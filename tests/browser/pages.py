"""Every page type the browser checks visit: how to reach it, as whom."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page

from tests.browser.site import LiveSite


@dataclass(frozen=True)
class PageCase:
    """One page type: its name (test id and screenshot name), who views it, and how to open it."""

    name: str
    path: str
    role: str | None = None
    #: Status the page must answer with.
    status: int = 200
    #: Runs after the page has loaded (e.g. submit a form empty to show its errors).
    then: Callable[[Page], None] | None = None
    #: Makes the path from the live site when it depends on data (e.g. a signed link).
    path_for: Callable[[LiveSite], str] | None = None

    def open(self, page: Page, site: LiveSite, sign_in: Callable[[str], Page]) -> None:
        if self.role:
            sign_in(self.role)
        path = self.path_for(site) if self.path_for else self.path
        response = page.goto(path)
        assert response is not None and response.status == self.status, (path, response and response.status)
        if self.then:
            self.then(page)
        page.wait_for_load_state("load")


def _submit_empty_login(page: Page) -> None:
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_selector(".form-error-message")


def _tranbjerg_proposal(site: LiveSite) -> str:
    """The page of an approved demo proposal in Tranbjerg (staff view with ``staff=True``)."""
    from sqlalchemy import select

    from pb.communities.models import Community
    from pb.proposals.models import Proposal

    with site.session() as session:
        proposal_id = session.scalar(
            select(Proposal.id).join(Community).where(Community.slug == "tranbjerg").order_by(Proposal.id).limit(1)
        )
    return f"/forslag/{proposal_id}"


PAGES = [
    PageCase("forside", "/"),
    PageCase("forside-en", "/?lang=en"),
    PageCase("lokalsamfund", "/lokalsamfund/tranbjerg"),
    PageCase("lokalsamfund-en", "/lokalsamfund/tranbjerg?lang=en"),
    PageCase("log-ind", "/staff/login"),
    PageCase("log-ind-med-fejl", "/staff/login", then=_submit_empty_login),
    PageCase("fejl-404", "/findes-ikke", status=404),
    PageCase("fejl-403", "/staff/log", role="playmaker", status=403),
    PageCase("medarbejder-forside", "/staff/", role="official"),
    PageCase("playmaker-forside", "/staff/", role="playmaker"),
    PageCase("medarbejder-lokalsamfund", "/staff/lokalsamfund/tranbjerg", role="official"),
    PageCase("medarbejder-forside-en", "/staff/?lang=en", role="official"),
    PageCase("medarbejder-lokalsamfund-en", "/staff/lokalsamfund/tranbjerg?lang=en", role="official"),
    PageCase("log", "/staff/log", role="official"),
    PageCase("dev-mail", "/dev/mail"),
    PageCase("runder", "/staff/runder/", role="official"),
    PageCase("runde", "/staff/runder/1", role="official"),
    PageCase("runde-indstillinger", "/staff/runder/1/indstillinger", role="official"),
    PageCase("runde-datoer", "/staff/runder/1/datoer", role="official"),
    PageCase("runde-budgetter", "/staff/runder/1/budgetter", role="official"),
    PageCase("forslag", "", path_for=_tranbjerg_proposal),
    PageCase("indsend-forslag-lukket", "/forslag/nyt"),
    PageCase("forslag-til-behandling", "/staff/forslag/", role="playmaker"),
    PageCase("behandl-forslag", "", role="playmaker", path_for=lambda site: "/staff" + _tranbjerg_proposal(site)),
    PageCase("forslag-en", "", path_for=lambda site: _tranbjerg_proposal(site) + "?lang=en"),
    PageCase("forslag-til-behandling-en", "/staff/forslag/?lang=en", role="playmaker"),
    PageCase("behandl-forslag-en", "", role="playmaker", path_for=lambda site: f"/staff{_tranbjerg_proposal(site)}?lang=en"),
]


def danish_texts(site: LiveSite) -> list[str]:
    """What people typed in Danish and pages show as it is: proposals, categories, communities, round names."""
    from sqlalchemy import select

    from pb.communities.models import Community
    from pb.proposals.models import Proposal
    from pb.rounds.models import Category, Round

    with site.session() as session:
        texts = [*session.scalars(select(Proposal.title)), *session.scalars(select(Proposal.summary))]
        texts += [*session.scalars(select(Category.name)), *session.scalars(select(Community.name))]
        texts += [*session.scalars(select(Round.name))]
    return sorted({text.strip() for text in texts if text and text.strip()})
