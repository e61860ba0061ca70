from django.db import models


class RequirementKind(models.TextChoices):
    ARTICLE = "article", "Article"
    ANNEX = "annex", "Annex"
    FUNCTION = "function", "Function"
    CATEGORY = "category", "Category"
    SUBCATEGORY = "subcategory", "Subcategory"
    OBJECTIVE = "objective", "Control objective"
    CONTROL = "control", "Control"


class Applicability(models.TextChoices):
    """When a requirement applies to an asset. Evaluated in SQL by ``compliance.applicability``."""

    ALWAYS = "always", "Every AI asset"
    PERSONAL_DATA = "personal_data", "Processes personal data"
    SPECIAL_CATEGORY = "special_category", "Processes special-category data"
    AUTOMATED_DECISIONS = "automated_decisions", "Makes automated decisions about people"
    PROVIDER = "provider", "Providers of AI systems"
    DEPLOYER = "deployer", "Deployers of AI systems"
    HIGH_RISK = "high_risk", "High-risk AI systems"
    HIGH_RISK_PROVIDER = "high_risk_provider", "Providers of high-risk AI systems"
    HIGH_RISK_DEPLOYER = "high_risk_deployer", "Deployers of high-risk AI systems"
    TRANSPARENCY = "transparency", "Systems with Art. 50 transparency duties"
    GPAI_PROVIDER = "gpai_provider", "Providers of general-purpose AI models"
    GPAI_SYSTEMIC = "gpai_systemic", "Providers of GPAI models with systemic risk"


class ControlStrength(models.TextChoices):
    FULL = "full", "Fully addresses"
    PARTIAL = "partial", "Partly addresses"
    SUPPORTING = "supporting", "Supports"


class LifecyclePhase(models.TextChoices):
    GOVERN = "govern", "Governance"
    DESIGN = "design", "Design"
    DATA = "data", "Data collection and preparation"
    DEVELOPMENT = "development", "Development and training"
    VALIDATION = "validation", "Validation and testing"
    DEPLOYMENT = "deployment", "Deployment"
    OPERATION = "operation", "Operation and monitoring"
    RETIREMENT = "retirement", "Retirement"


class EvidenceKind(models.TextChoices):
    TEST_REPORT = "test_report", "Test report"
    SIGNATURE = "signature", "Signature"
    ATTESTATION = "attestation", "Attestation"
    AUDIT_LOG = "audit_log", "Audit log"
    DOCUMENT = "document", "Document"
    METRIC = "metric", "Metric"


class ImplementationStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    IMPLEMENTED = "implemented", "Implemented"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class Tier(models.TextChoices):
    PROHIBITED = "prohibited", "Prohibited"
    HIGH_RISK = "high_risk", "High risk"
    LIMITED = "limited", "Limited risk (transparency)"
    MINIMAL = "minimal", "Minimal risk"


class ClassificationStatus(models.TextChoices):
    PROPOSED = "proposed", "Awaiting confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    REOPENED = "reopened", "Re-opened"
