"""What the portal itself records: the details of a melding made in the portal, and the
resident's answer to their plan (with the plan version it is about)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Plan, Report
from wijkteam.residents.models import Resident

from .constants import AgreementChoice, ContactPreference


class PortalReport(models.Model):
    """How the resident wants to be contacted and which life domains they named."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="portal_detail")
    contact_preference = models.CharField(
        _("hoe wilt u contact"), max_length=20, choices=ContactPreference.choices
    )
    contact_value = models.CharField(_("telefoon of e-mail"), max_length=150, blank=True)
    domains = models.JSONField(_("levensgebieden"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("melding via Mijn wijkteam")
        verbose_name_plural = _("meldingen via Mijn wijkteam")

    def __str__(self) -> str:
        return f"portaal {self.report_id}"


class PlanAgreement(models.Model):
    """The resident agreed (or not) to one version of the plan; the team sees it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="portal_agreements")
    plan_version = models.PositiveIntegerField(_("versie van het plan"))
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="plan_agreements")
    choice = models.CharField(_("antwoord"), max_length=20, choices=AgreementChoice.choices)
    comment = models.TextField(_("toelichting"), blank=True, max_length=2000)
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("akkoord op het plan")
        verbose_name_plural = _("akkoorden op het plan")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "plan_version", "resident"], name="portal_one_answer_per_version"
            ),
            models.CheckConstraint(
                condition=models.Q(choice="akkoord") | ~models.Q(comment=""),
                name="portal_disagreement_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.plan_version}: {self.choice}"
