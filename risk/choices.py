from django.db import models


class Stride(models.TextChoices):
    SPOOFING = "spoofing", "Spoofing"
    TAMPERING = "tampering", "Tampering"
    REPUDIATION = "repudiation", "Repudiation"
    INFORMATION_DISCLOSURE = "information_disclosure", "Information disclosure"
    DENIAL_OF_SERVICE = "denial_of_service", "Denial of service"
    ELEVATION_OF_PRIVILEGE = "elevation_of_privilege", "Elevation of privilege"


class ThreatStatus(models.TextChoices):
    APPLICABLE = "applicable", "Applicable"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    RETIRED = "retired", "Retired (no longer derived)"


class ThreatOrigin(models.TextChoices):
    DERIVED = "derived", "Derived from the inventory"
    MANUAL = "manual", "Added by a user"


class Treatment(models.TextChoices):
    MITIGATE = "mitigate", "Mitigate"
    ACCEPT = "accept", "Accept"
    TRANSFER = "transfer", "Transfer"
    AVOID = "avoid", "Avoid"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    CLOSED = "closed", "Closed"


DEFAULT_LEVELS = [
    {"name": "low", "label": "Low", "max": 4, "color": "#6b9e78"},
    {"name": "medium", "label": "Medium", "max": 9, "color": "#c9a13a"},
    {"name": "high", "label": "High", "max": 16, "color": "#d9772b"},
    {"name": "critical", "label": "Critical", "max": 25, "color": "#b0413e"},
]
