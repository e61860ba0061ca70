from django.db import models


class AssetKind(models.TextChoices):
    SYSTEM = "system", "AI system"
    MODEL = "model", "Model"
    DATASET = "dataset", "Dataset"
    INFRASTRUCTURE = "infrastructure", "Infrastructure"


class LifecycleStage(models.TextChoices):
    DESIGN = "design", "Design"
    DEVELOPMENT = "development", "Development"
    VALIDATION = "validation", "Validation"
    PRODUCTION = "production", "Production"
    RETIRED = "retired", "Retired"


class Criticality(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class DataClassification(models.TextChoices):
    PUBLIC = "public", "Public"
    INTERNAL = "internal", "Internal"
    CONFIDENTIAL = "confidential", "Confidential"
    RESTRICTED = "restricted", "Restricted"


class Exposure(models.TextChoices):
    INTERNAL = "internal", "Internal"
    PARTNER = "partner", "Partner"
    PUBLIC = "public", "Public"


class ModelType(models.TextChoices):
    CLASSIFIER = "classifier", "Classifier"
    REGRESSOR = "regressor", "Regressor"
    RECOMMENDER = "recommender", "Recommender"
    LLM = "llm", "Large language model"
    GENERATIVE_IMAGE = "generative_image", "Generative (image)"
    GENERATIVE_OTHER = "generative_other", "Generative (other)"
    OTHER = "other", "Other"


class InfrastructureRole(models.TextChoices):
    TRAINING = "training", "Training"
    SERVING = "serving", "Serving"
    STORAGE = "storage", "Storage"
    FEATURE_STORE = "feature_store", "Feature store"
    VECTOR_DB = "vector_db", "Vector database"
    NOTEBOOK = "notebook", "Notebook"
    PIPELINE = "pipeline", "Pipeline"


class NetworkExposure(models.TextChoices):
    PRIVATE = "private", "Private"
    INTERNAL = "internal", "Internal"
    PUBLIC = "public", "Public"


class RelationType(models.TextChoices):
    PART_OF = "part_of", "part of"
    TRAINED_ON = "trained_on", "trained on"
    FINE_TUNED_FROM = "fine_tuned_from", "fine-tuned from"
    DEPLOYED_ON = "deployed_on", "deployed on"
    DEPENDS_ON = "depends_on", "depends on"
    FEEDS = "feeds", "feeds"


# Reading of a relation from its target's side, for lineage views.
RELATION_INVERSE_LABELS = {
    RelationType.PART_OF: "has component",
    RelationType.TRAINED_ON: "was used to train",
    RelationType.FINE_TUNED_FROM: "is the base of",
    RelationType.DEPLOYED_ON: "hosts",
    RelationType.DEPENDS_ON: "is needed by",
    RelationType.FEEDS: "is fed by",
}

# Relation types that must never loop back on themselves.
ACYCLIC_RELATIONS = {RelationType.PART_OF, RelationType.FINE_TUNED_FROM, RelationType.TRAINED_ON}

COMMON_FIELDS = [
    "kind", "name", "team", "owner", "description", "lifecycle_stage", "criticality",
    "data_classification", "tags",
]
# Fields that belong to one kind only; ``third_party`` is shared by models and datasets.
KIND_FIELDS: dict[str, list[str]] = {
    AssetKind.SYSTEM: ["intended_purpose", "affected_persons", "deployment_context", "exposure",
                       "automated_decisions", "human_oversight"],
    AssetKind.MODEL: ["model_type", "framework", "version", "third_party", "license", "gpai", "registry_uri"],
    AssetKind.DATASET: ["source", "provenance", "legal_basis", "contains_personal_data", "special_category_data",
                        "third_party", "record_count", "retention"],
    AssetKind.INFRASTRUCTURE: ["role", "provider", "region", "encrypted_at_rest", "encrypted_in_transit",
                               "network_exposure"],
}
ALL_KIND_FIELDS = sorted({f for fields in KIND_FIELDS.values() for f in fields})
# Choice fields a kind must fill, with the value used when the caller leaves them out.
KIND_DEFAULTS: dict[str, dict[str, str]] = {
    AssetKind.SYSTEM: {"exposure": Exposure.INTERNAL},
    AssetKind.MODEL: {"model_type": ModelType.OTHER},
    AssetKind.DATASET: {},
    AssetKind.INFRASTRUCTURE: {"role": InfrastructureRole.SERVING, "network_exposure": NetworkExposure.PRIVATE},
}
