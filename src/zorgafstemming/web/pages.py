"""Page rendering shared by the web controllers: the signed-in user, the menu and notices."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from litestar import Request, post
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity import auth
from zorgafstemming.identity.principal import Principal

# Fixed notices shown after a post/redirect/get round trip; the URL carries only the code.
NOTICES: dict[str, str] = {
    "overleg-gepland": "Het casusoverleg is gepland. De uitnodigingen worden verstuurd.",
    "overleg-geannuleerd": "Het casusoverleg is geannuleerd. De genodigden krijgen bericht.",
    "overleg-niet-gepland": "Dit casusoverleg is niet meer gepland; er is niets veranderd.",
    "verslag-opgeslagen": "Het verslag en de besluiten zijn opgeslagen.",
    "besluiten-in-plan": "De besluiten staan als acties in het gezinsplan.",
    "besluiten-al-in-plan": "Alle besluiten staan al in het gezinsplan.",
    "noodtoegang-verleend": (
        "U hebt noodtoegang: u kunt dit dossier een beperkte tijd lezen. De functionaris voor "
        "gegevensbescherming is verwittigd."
    ),
    "noodtoegang-beoordeeld": "Uw beoordeling van de noodtoegang is bewaard.",
    "beperking-geplaatst": "De verwerking is beperkt.",
    "beperking-opgeheven": "De beperking is opgeheven.",
    "verwijzing-verstuurd": "De verwijzing is verstuurd.",
    "plan-doel-toegevoegd": "Het doel staat in het gezinsplan.",
    "plan-actie-toegevoegd": "De actie staat in het gezinsplan.",
    "plan-stand-gewijzigd": "De stand van de actie is bewaard.",
    "plan-reactie-bewaard": "Uw reactie is bewaard.",
    "plan-actie-gedaan": "De actie staat op gedaan.",
    "takenmail-bewaard": "Uw keuze voor de dagelijkse takenmail is bewaard.",
    "bericht-verstuurd": "Uw bericht is verstuurd.",
    "verwijzing-aanvaard": "U hebt de verwijzing aanvaard.",
    "verwijzing-wacht": (
        "U hebt de verwijzing aanvaard. Ze wacht op de toestemming van het gezin: u ziet het "
        "dossier pas als het gezin uw organisatie toestemming geeft."
    ),
    "verwijzing-geweigerd": "U hebt de verwijzing geweigerd.",
    "leiding-aangeboden": "De leiding is aangeboden. De andere organisatie moet ze aanvaarden.",
    "leiding-aanvaard": "Uw organisatie leidt nu het dossier.",
    "leiding-geweigerd": "U hebt het aanbod om het dossier te leiden geweigerd.",
    "dossier-verlaten": "Uw organisatie heeft het dossier verlaten.",
    "contactpersoon-gekozen": "De contactpersoon is gekozen.",
    "afgemeld": "U bent afgemeld.",
    "geactiveerd": "Uw account is geactiveerd. U kunt nu aanmelden.",
    "organisatie-toegevoegd": "De organisatie is toegevoegd.",
    "account-aangemaakt": (
        "Het account is aangemaakt. De activeringslink is naar het e-mailadres van de "
        "medewerker gestuurd."
    ),
    "account-uitgenodigd": (
        "Er is een nieuwe activeringslink naar het e-mailadres van de medewerker gestuurd."
    ),
    "account-aangevraagd": (
        "Uw aanvraag is bewaard. Er verandert niets tot een tweede beheerder of de functionaris "
        "voor gegevensbescherming ze goedkeurt."
    ),
    "wijziging-goedgekeurd": "De aanvraag is goedgekeurd en uitgevoerd.",
    "wijziging-afgewezen": "De aanvraag is afgewezen. Er is niets veranderd.",
    "wijziging-niet-open": "Over deze aanvraag is al beslist, of ze is verlopen.",
    "account-niet-gewijzigd": (
        "Dit kan nu niet voor dit account: er wacht al een aanvraag, het account wacht zelf nog "
        "op goedkeuring, of het heeft geen e-mailadres om een link naar te sturen. Er is niets "
        "veranderd."
    ),
    "account-uitgeschakeld": "Het account is uitgeschakeld. Alle sessies zijn beëindigd.",
    "dossier-geopend": "Het dossier is geopend en de toestemming is geregistreerd.",
    "notitie-toegevoegd": "De notitie is toegevoegd.",
    "partner-toegevoegd": "De partnerorganisatie is toegevoegd.",
    "collega-toegewezen": "De collega is aan het dossier toegewezen en kan het nu openen.",
    "toewijzing-beeindigd": (
        "De toewijzing is beëindigd. Die collega kan het dossier niet meer openen."
    ),
    "koppeling-aanvaard": "U hebt de koppeling aanvaard. Het dossier staat nu bij uw dossiers.",
    "koppeling-geweigerd": "U hebt de koppeling geweigerd. Er is niets gekoppeld.",
    "gezinslid-uitgenodigd": (
        "Het account voor het gezinsportaal staat klaar. Druk de brief af en geef hem "
        "persoonlijk aan het gezinslid."
    ),
    "dossier-afgesloten": "Het dossier is afgesloten. De bewaartermijn loopt vanaf nu.",
    "blokkering-geplaatst": "De juridische blokkering is geplaatst. Het dossier wordt niet gewist.",
    "blokkering-bestaat": "Op dit dossier staat al een juridische blokkering.",
    "blokkering-opgeheven": "De juridische blokkering is opgeheven.",
    "geen-blokkering": "Op dit dossier stond geen juridische blokkering.",
    "verklaring-toegevoegd": "Uw verklaring staat nu bij de notities van uw dossier.",
    "verklaring-ongeldig": "Schrijf uw verklaring in het tekstvak (niet leeg, niet te lang).",
    "verklaring-niet-mogelijk": ("Een eigen verklaring kan alleen over uzelf, en vanaf 12 jaar."),
    "wissing-beslist": "Uw weigering is vastgelegd, met de reden.",
    "wissing-uitgevoerd": (
        "De gegevens zijn gewist. Uw beslissing is vastgelegd; organisaties die de gegevens "
        "inzagen, krijgen een melding."
    ),
    "toestemming-nagekeken": "De toestemming is als nagekeken aangeduid.",
    "toestemming-terugverwezen": (
        "De toestemming is teruggestuurd. De organisatie die ze vastlegde, krijgt een melding."
    ),
    "toestemming-gegeven": (
        "Uw toestemming is bewaard. De organisaties die u koos, kunnen het dossier nu openen."
    ),
    "toestemming-geregistreerd": (
        "De toestemming is geregistreerd met het ondertekende formulier en geldt vanaf nu. "
        "Het gezin krijgt een melding in het gezinsportaal."
    ),
    "toestemming-wacht": (
        "De toestemming is geregistreerd zonder ondertekend formulier. Ze wacht op bevestiging "
        "door het gezin in het gezinsportaal en geeft tot dan geen toegang."
    ),
    "toestemming-verlengd": "De verlenging is geregistreerd. Het gezin krijgt een melding.",
    "intrekking-geregistreerd": (
        "De intrekking is geregistreerd. De toegang die deze toestemming gaf, is beëindigd; "
        "het gezin krijgt een melding."
    ),
    "toestemming-bevestigd": "U hebt de toestemming bevestigd. Ze geldt vanaf nu.",
    "toestemming-betwist": (
        "De toegang is gestopt. De functionaris voor gegevensbescherming bekijkt het."
    ),
    "toestemming-ingetrokken": "Uw toestemming is ingetrokken.",
    "gezinslid-toegevoegd": (
        "Het gezinslid is toegevoegd. Geen toestemming geldt al voor deze persoon: registreer "
        "de toestemming van het gezin om de gegevens te kunnen zien."
    ),
    "gegevens-verbeterd": (
        "De gegevens zijn verbeterd. De vorige waarde blijft bewaard; het gezin ziet de "
        "verbetering in het gezinsportaal."
    ),
    "geen-verbetering": "Er is niets veranderd: de gegevens waren al zo.",
    "verzoek-verbeterd": (
        "De gegevens zijn verbeterd en het verzoek van het gezin is beantwoord. Het gezin ziet"
        " de verbetering en het antwoord in het gezinsportaal."
    ),
    "lidmaatschap-beeindigd": (
        "Het lidmaatschap is beëindigd. Partners zien deze persoon niet meer in het dossier."
    ),
    "toegang-beantwoord": (
        "Uw antwoord is bewaard. De functionaris voor gegevensbescherming ziet het."
    ),
    "verzoek-ingediend": (
        "Uw verzoek is ingediend. U krijgt een antwoord binnen één maand; de uiterste datum"
        " staat bij het verzoek."
    ),
    "verzoek-bijgewerkt": "De stap is bewaard. Het gezin krijgt er een melding van.",
    "bezwaar-ingediend": (
        "Uw bezwaar is ingediend. De organisatie die het dossier leidt, beslist erover; u ziet"
        " de beslissing hier."
    ),
    "bezwaar-beslist": "Uw beslissing over het bezwaar is bewaard. Het gezin krijgt een melding.",
    "bezwaar-al-beslist": "Over dit bezwaar was al beslist. Er is niets veranderd.",
}


@dataclass(frozen=True)
class NavItem:
    """One entry of the main menu."""

    href: str
    label: str
    current: bool = False


# The main menu per role: each role sees only the pages it may use.
_MENUS: dict[str, tuple[tuple[str, str], ...]] = {
    "social_worker": (
        ("/dossiers", "Dossiers"),
        ("/dossiers/zoeken", "Zoeken"),
        ("/dossiers/nieuw", "Nieuw dossier"),
        ("/meldingen", "Meldingen"),
        ("/dossiers/noodtoegang", "Noodtoegang"),
        ("/beveiliging", "Beveiliging"),
    ),
    "family": (
        ("/mijn", "Mijn dossier"),
        ("/mijn/meldingen", "Meldingen"),
        ("/mijn/berichten", "Berichten"),
        ("/mijn/gegevens", "Mijn gegevens"),
        ("/mijn/verzoeken", "Verzoeken"),
        ("/mijn/beveiliging", "Beveiliging"),
    ),
    "dpo": (
        ("/fg/audit", "Auditlog"),
        ("/fg/toestemmingen", "Toestemmingen"),
        ("/fg/noodtoegang", "Noodtoegang"),
        ("/fg/beperkingen", "Beperking en bezwaar"),
        ("/fg/toegangscontrole", "Toegangscontrole"),
        ("/fg/verzoeken", "Verzoeken"),
        ("/fg/dubbelcontroles", "Dubbelcontroles"),
        ("/fg/controle", "Controle"),
        ("/fg/bewaring", "Bewaartermijnen"),
        ("/fg/wissen", "Wissen"),
        ("/fg/accountwijzigingen", "Accountwijzigingen"),
        ("/beveiliging", "Beveiliging"),
    ),
    "admin": (
        ("/beheer/organisaties", "Organisaties"),
        ("/beheer/accounts", "Accounts"),
        ("/beheer/mail", "Verzonden e-mails"),
        ("/beveiliging", "Beveiliging"),
    ),
}

HOME_BY_ROLE: dict[str, str] = {
    "social_worker": "/dossiers",
    "family": "/mijn",
    "dpo": "/fg/audit",
    "admin": "/beheer/organisaties",
}


def current_user(request: Request[Any, Any, Any]) -> Principal | None:
    """The signed-in principal of this request, or ``None`` on a public page without a session."""
    return auth.current_principal(request)


def home_for(user: Any | None) -> str:
    """Where a signed-in person starts; the sign-in page for everyone else."""
    if user is None:
        return "/aanmelden"
    return HOME_BY_ROLE.get(str(user.role), "/")


def menu_for(user: Any | None, path: str) -> list[NavItem]:
    """The main menu for the user's role, marking the page being shown."""
    if user is None:
        return []
    return [
        NavItem(href=href, label=label, current=path == href)
        for href, label in _MENUS.get(str(user.role), ())
    ]


def render(
    request: Request[Any, Any, Any],
    template: str,
    *,
    status: int = 200,
    **context: Any,
) -> Template:
    """Render a page with the layout's context (user, menu, notice) filled in."""
    user = current_user(request)
    code = request.query_params.get("melding", "")
    base: dict[str, Any] = {
        "user": user,
        "nav": menu_for(user, request.url.path),
        "home": home_for(user),
        "notice": NOTICES.get(code, ""),
        "errors": {},
        "form": {},
    }
    base.update(context)
    return Template(template_name=template, context=base, status_code=status)


def form_post(path: str, action: Action, **options: Any) -> post:
    """The route a form posts to: authorised as ``action``, answered with 303 See Other."""
    return post(path, opt={"action": action}, status_code=303, **options)


def see_other(path: str, notice: str | None = None) -> Redirect:
    """Answer a successful form post with 303 See Other (post/redirect/get)."""
    if notice is not None:
        if notice not in NOTICES:  # only fixed codes, so no input ever travels in the URL
            raise ValueError(f"unknown notice code {notice!r}")
        path = f"{path}?melding={notice}"
    return Redirect(path=path, status_code=303)


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI for an <img> (allowed by the CSP; inline markup would need ARIA)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
