"""Code lists of casework, with Dutch labels (DESIGN §1, REFERENCE §1–§3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    INLOOP = "inloop", _("Inloop")
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    PORTAAL = "portaal", _("Portaal")
    OUTREACH = "outreach", _("Outreach of signaal")
    VERWIJZING = "verwijzing", _("Verwijzing")


class ReferrerKind(models.TextChoices):
    ZELF = "zelf", _("Inwoner zelf")
    HUISARTS = "huisarts", _("Huisarts")
    SCHOOL = "school", _("School")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    POLITIE = "politie", _("Politie")
    BUREN = "buren", _("Buren")
    ANDERS = "anders", _("Anders")


class LawTrack(models.TextChoices):
    WMO = "wmo", _("Wmo 2015")
    JEUGDWET = "jeugdwet", _("Jeugdwet")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet of anders")
    GEEN = "geen", _("Geen wettelijk spoor")


class TriageOutcome(models.TextChoices):
    INFORMATIE_ADVIES = "informatie_advies", _("Informatie en advies gegeven")
    LICHTE_ONDERSTEUNING = "lichte_ondersteuning", _("Lichte ondersteuning door het team")
    ONDERZOEK = "onderzoek", _("Onderzoek nodig")
    VERWEZEN = "verwezen", _("Verwezen naar een andere organisatie")
    GEEN_ACTIE = "geen_actie", _("Geen actie")


TRIAGE_OPENS_CASE = {TriageOutcome.LICHTE_ONDERSTEUNING, TriageOutcome.ONDERZOEK}


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Nog te beoordelen")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    CASUS = "casus", _("Casus geopend")


class CaseState(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    ONDERZOEK = "onderzoek", _("Onderzoek")
    PLAN = "plan", _("Plan")
    UITVOERING = "uitvoering", _("Uitvoering")
    EVALUATIE = "evaluatie", _("Evaluatie")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


# The state machine: from → allowed next states. Reopening (afgesloten → onderzoek) keeps history.
CASE_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseState.AANGEMELD: frozenset(
        {CaseState.ONDERZOEK, CaseState.UITVOERING, CaseState.AFGESLOTEN}
    ),
    CaseState.ONDERZOEK: frozenset({CaseState.PLAN, CaseState.AFGESLOTEN}),
    CaseState.PLAN: frozenset({CaseState.UITVOERING, CaseState.ONDERZOEK, CaseState.AFGESLOTEN}),
    CaseState.UITVOERING: frozenset({CaseState.EVALUATIE, CaseState.AFGESLOTEN}),
    CaseState.EVALUATIE: frozenset({CaseState.UITVOERING, CaseState.PLAN, CaseState.AFGESLOTEN}),
    CaseState.AFGESLOTEN: frozenset({CaseState.ONDERZOEK}),
}


class ClosureOutcome(models.TextChoices):
    BEREIKT = "bereikt", _("Doelen bereikt")
    DEELS = "deels", _("Doelen deels bereikt")
    NIET = "niet", _("Doelen niet bereikt")
    VERHUISD = "verhuisd", _("Inwoner verhuisd of overleden")
    AFGEZIEN = "afgezien", _("Inwoner ziet af van ondersteuning")


class OwnerKind(models.TextChoices):
    INWONER = "inwoner", _("Inwoner")
    NETWERK = "netwerk", _("Netwerk")
    TEAM = "team", _("Team")
    ALGEMENE_VOORZIENING = "algemene_voorziening", _("Algemene voorziening")
    AANBIEDER = "aanbieder", _("Aanbieder")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BEZIG = "bezig", _("Bezig")
    GEDAAN = "gedaan", _("Gedaan")
    VERVALLEN = "vervallen", _("Vervallen")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BEREIKT = "bereikt", _("Bereikt")
    DEELS = "deels", _("Deels bereikt")
    NIET = "niet", _("Niet bereikt")


class DecisionOutcome(models.TextChoices):
    TOEGEKEND = "toegekend", _("Toegekend")
    DEELS = "deels", _("Deels toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class DecisionStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    WACHT_OP_AKKOORD = "wacht_op_akkoord", _("Wacht op tweede akkoord")
    BESLOTEN = "besloten", _("Besloten")


class LegalBasis(models.TextChoices):
    WMO_2_3_5 = "wmo_2_3_5", _("Wmo 2015, art. 2.3.5 (maatwerkvoorziening)")
    WMO_2_3_6 = "wmo_2_3_6", _("Wmo 2015, art. 2.3.6 (persoonsgebonden budget)")
    JW_2_3 = "jw_2_3", _("Jeugdwet, art. 2.3 (individuele voorziening)")
    JW_8_1_1 = "jw_8_1_1", _("Jeugdwet, art. 8.1.1 (persoonsgebonden budget)")
    VERORDENING = (
        "verordening",
        _("Verordening maatschappelijke ondersteuning en jeugdhulp van de gemeente"),
    )


class Unit(models.TextChoices):
    """WJ756 eenheid."""

    MINUUT = "01", _("minuut")
    UUR = "04", _("uur")
    ETMAAL = "14", _("etmaal")
    DAGDEEL = "16", _("dagdeel (4 uur)")
    STUKS_OUTPUT = "82", _("stuks (output)")
    EURO = "83", _("euro's")
    STUKS_INSPANNING = "84", _("stuks (inspanning)")


class Frequency(models.TextChoices):
    """WMO757 frequentie."""

    PER_DAG = "1", _("per dag")
    PER_WEEK = "2", _("per week")
    PER_MAAND = "4", _("per maand")
    TOTAAL = "6", _("totaal binnen geldigheidsduur")


class InterventionKind(models.TextChoices):
    LICHTE_ONDERSTEUNING = "lichte_ondersteuning", _("Lichte ondersteuning door het team")
    ALGEMENE_VOORZIENING = "algemene_voorziening", _("Verwijzing naar een algemene voorziening")
    MAATWERK = "maatwerk", _("Toewijzing maatwerkvoorziening aan een aanbieder")


class InterventionStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    LOOPT = "loopt", _("Loopt")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class AllocationChangeReason(models.TextChoices):
    """The WMO002 (iJw: JZ002) RedenWijziging a team may choose when it ends or changes an
    allocation; the provider gets it in the 301. Empty: the default, 05 "Herbeoordeling:
    verkorting toewijzing" (12 while the provider's own request on it is open). 12 and 13 are
    set by the message app itself and are not chosen here."""

    OVERLEDEN = "02", _("Cliënt overleden")
    CONTRACTWIJZIGING = "03", _("Contractwijziging")
    VERKORTING = "05", _("Herbeoordeling: verkorting toewijzing")
    ANDER_DOMEIN = "06", _("Uitstroom naar ander domein")
    VERHUIZING = "07", _("Verhuizing naar een andere gemeente")
    LEVERINGSVORM = "08", _("Wijziging leveringsvorm")
    ANDERE_AANBIEDER = "09", _("Overstap naar andere aanbieder")
    HERINDELING = "11", _("Gemeentelijke herindeling")
    CORRECTIE = "14", _("Administratieve correctie")


class ScaleChange(models.TextChoices):
    OPSCHALEN = "opschalen", _("Opschalen")
    AFSCHALEN = "afschalen", _("Afschalen")


class EvaluationOutcome(models.TextChoices):
    VOORTZETTEN = "voortzetten", _("Voortzetten")
    AFSCHALEN = "afschalen", _("Afschalen")
    OPSCHALEN = "opschalen", _("Opschalen")
    AFSLUITEN = "afsluiten", _("Afsluiten")


class AssessmentMoment(models.TextChoices):
    INTAKE = "intake", _("Intake")
    TUSSENTIJDS = "tussentijds", _("Tussentijds")
    EIND = "eind", _("Afsluiting")


# The legal term that starts at a melding, per law track: an open melding in the work queue is
# due (and "verlopen") by it. The Jeugdwet sets no term from the melding itself.
REPORT_TERMS: dict[str, str] = {LawTrack.WMO: "wmo_onderzoek"}


class JournalKind(models.TextChoices):
    """The kind of a contact moment in the case journal (journaal)."""

    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    TELEFOON = "telefoon", _("Telefoon")
    OVERLEG_PARTNER = "overleg_partner", _("Overleg met partner")
    EMAIL = "email", _("E-mail")
    KANTOOR = "kantoor", _("Gesprek op kantoor")


JOURNAL_NOTE_MAX = 4000
JOURNAL_WITH_WHOM_MAX = 200
# Maximum lengths of free text (issue 16): ample for the work, short enough that a pasted
# document or a flood of text cannot fill the database. Checked by the model (full_clean in
# the services), the forms and the API, with Django's Dutch message.
QUESTION_MAX = 4000  # the question of a melding
NOTE_MAX = 4000  # notes, reasons and justifications
GOAL_TEXT_MAX = 1000  # a goal in the resident's words
MOTIVATION_MAX = 10000  # the motivation of a decision, conclusions
SUMMARY_MAX = 20000  # the verslag of a conversation
