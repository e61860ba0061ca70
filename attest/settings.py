"""Attest settings. Configuration comes from environment variables only (see README).

With nothing set, Attest runs embedded: SQLite and a filesystem Celery broker under
``ATTEST_DATA_DIR`` (default ``var/``). ``DATABASE_URL`` and ``CELERY_BROKER_URL`` switch
to the production shape (PostgreSQL, Redis).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ATTEST_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    # Embedded mode: generate once and keep it beside the database so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        from secrets import token_urlsafe

        key_file.write_text(token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


# Production hardening (HTTPS only, HSTS, secure cookies) is explicit, never guessed: with it off,
# `make run` keeps working over plain http on 127.0.0.1.
PRODUCTION = env_bool("ATTEST_PRODUCTION", False)
if PRODUCTION and not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("ATTEST_PRODUCTION=1 needs SECRET_KEY: the same long random string on every machine.")
SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "attest.core",
    "attest.accounts",
    "attest.auditlog",
    "attest.ui",
    "inventory",
    "compliance",
    "risk",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise and the error middleware, so static files and error answers carry the policy too.
    "attest.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "attest.core.middleware.RequestIdMiddleware",
    "attest.core.middleware.DatabaseUnavailableMiddleware",  # a lost database answers 503, not 500
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: turns a locked-out login into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "attest.urls"
WSGI_APPLICATION = "attest.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "attest.ui.context_processors.navigation",
                "attest.accounts.context_processors.sign_in_options",
            ],
        },
    },
]

_default_sqlite = f"sqlite:///{DATA_DIR / 'attest.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_sqlite), conn_max_age=60,
                                                conn_health_checks=True)}
# Health checks: a connection kept from before a database restart is tested and replaced at the start
# of the next request instead of failing it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # The web server and the worker write concurrently: take the write lock up front
        # and wait for it instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so a worker process in the tests sees the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ATTEST_TEST_DATABASE", "test_attest")}
    # Short list queries gain nothing from server-side cursors, and poolers (pgbouncer) dislike them.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username + IP before any password is checked.
    "attest.accounts.throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("ATTEST_FAST_PASSWORD_HASHER"):
    # Tests only: hashing with PBKDF2 dominates suites that log many users in.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = Path(os.environ.get("ATTEST_MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Guardian: object permissions live in per-model tables with real foreign keys.
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "attest.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "attest.core.api.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "attest.core.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Attest API",
    "DESCRIPTION": "Inventory, risk, compliance and evidence for AI systems.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Served from our own static files: no CDN is reachable from many deployments.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The error answers every view can give (401, 403, 404, ...), documented once for all.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "attest.core.api.schema.document_error_responses",
    ],
    # Several serializers have a field called "kind" with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "AssetKindEnum": "inventory.choices.AssetKind",
        "EvidenceKindEnum": "compliance.choices.EvidenceKind",
        "RequirementKindEnum": "compliance.choices.RequirementKind",
    },
}

# Celery: embedded filesystem broker unless CELERY_BROKER_URL is set.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem"):
    _queue_dir = DATA_DIR / "celery" / "queue"
    _processed_dir = DATA_DIR / "celery" / "processed"
    _control_dir = DATA_DIR / "celery" / "control"
    for _d in (_queue_dir, _processed_dir, _control_dir):
        _d.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        "store_processed": False,
        "control_folder": str(_control_dir),
    }
else:
    # Longer than the longest task, so Redis does not redeliver work still in progress.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 3600}
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("ATTEST_WORKER_MAX_TASKS_PER_CHILD", "50"))
CELERY_TASK_SOFT_TIME_LIMIT = 15 * 60
CELERY_TASK_TIME_LIMIT = 20 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-jobs": {"task": "attest.core.tasks.requeue_stale_jobs", "schedule": 60.0},
    "lapse-risk-acceptances": {"task": "risk.tasks.lapse_expired_acceptances", "schedule": 3600.0},
    "collect-due-evidence-sources": {"task": "compliance.evidence.tasks.collect_due_sources", "schedule": 60.0},
    "notify-stale-evidence": {"task": "compliance.evidence.tasks.notify_stale_evidence", "schedule": 6 * 3600.0},
    "end-expired-engagements": {"task": "reports.tasks.end_expired_engagements", "schedule": 3600.0},
}
ATTEST_JOB_STALE_AFTER_SECONDS = int(os.environ.get("ATTEST_JOB_STALE_AFTER_SECONDS", "300"))
# A job still "running" after this long lost its worker (killed, OOM): the sweeper re-enqueues it.
ATTEST_JOB_RUNNING_STALE_SECONDS = int(os.environ.get("ATTEST_JOB_RUNNING_STALE_SECONDS",
                                                      str(CELERY_TASK_TIME_LIMIT + 60)))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "attest@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

ATTEST_TOKEN_TTL_DAYS = int(os.environ.get("ATTEST_TOKEN_TTL_DAYS", "90"))
ATTEST_IMPORT_MAX_BYTES = int(os.environ.get("ATTEST_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# JSON bodies carry base64 evidence (4/3 of the file) and batches several items.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("ATTEST_MAX_UPLOAD_BYTES", str(40 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION or env_bool("ATTEST_SECURE_COOKIES", False)
# A governance session is a working day at most, and ends with the browser.
SESSION_COOKIE_AGE = int(os.environ.get("ATTEST_SESSION_HOURS", "8")) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# No script reads the CSRF cookie: forms carry the token, Swagger UI gets it rendered into its initialiser.
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and appends to X-Forwarded-For).
# Only turn on when the proxy overwrites these headers: a client could otherwise forge them.
BEHIND_TLS_PROXY = env_bool("ATTEST_BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = PRODUCTION
SECURE_HSTS_SECONDS = int(os.environ.get("ATTEST_HSTS_SECONDS", "31536000")) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ATTEST_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("ATTEST_HSTS_PRELOAD", True)
if not SECURE_HSTS_PRELOAD:
    # Turning preload off is the operator's deliberate choice; --deploy would keep warning about it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Login throttling (django-axes): a username from one IP is locked out after N failures for a cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("ATTEST_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ATTEST_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "attest.accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "attest.accounts.throttling.client_ip"
AXES_VERBOSE = False

# Single sign-on (OpenID Connect), on only when the client and the provider's endpoints are set.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", True)
OIDC_REQUIRE_VERIFIED_EMAIL = env_bool("OIDC_REQUIRE_VERIFIED_EMAIL", True)
LOGIN_REDIRECT_URL_FAILURE = "/login/?sso=failed"
OIDC_ENABLED = all([OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT,
                    OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT])
if OIDC_ENABLED:
    if OIDC_RP_SIGN_ALGO != "HS256" and not OIDC_OP_JWKS_ENDPOINT:
        raise ImproperlyConfigured(f"OIDC_RP_SIGN_ALGO={OIDC_RP_SIGN_ALGO} needs OIDC_OP_JWKS_ENDPOINT (the provider's keys).")
    AUTHENTICATION_BACKENDS.insert(2, "attest.accounts.sso.SsoBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # fontTools logs every glyph subset WeasyPrint asks for at INFO: pages of noise per PDF.
    "loggers": {"django.server": {"level": "WARNING"}, "fontTools": {"level": "WARNING"},
                "weasyprint": {"level": "WARNING"},
                # axes logs every sign-in at INFO; lockouts are WARNING and still shown.
                "axes": {"level": "WARNING"}},
}
ATTEST_ASSET_MODEL = "inventory.Asset"
# Printed on audit packs and model cards.
ATTEST_ORGANISATION = os.environ.get("ATTEST_ORGANISATION", "Attest demo organisation")
# An audit pack's audit-log excerpt starts this many days before its as-of date unless told otherwise.
ATTEST_PACK_DEFAULT_PERIOD_DAYS = int(os.environ.get("ATTEST_PACK_DEFAULT_PERIOD_DAYS", "90"))
ATTEST_EVIDENCE_MAX_BYTES = int(os.environ.get("ATTEST_EVIDENCE_MAX_BYTES", str(25 * 1024 * 1024)))
ATTEST_EVIDENCE_BATCH_MAX = 500
# Key for secrets stored in the database (evidence-source auth headers); derived from SECRET_KEY if unset.
ATTEST_SECRETS_KEY = os.environ.get("ATTEST_SECRETS_KEY", "")
ATTEST_COLLECT_TIMEOUT_SECONDS = int(os.environ.get("ATTEST_COLLECT_TIMEOUT_SECONDS", "30"))
# Production: set to 1 so evidence sources cannot reach internal or loopback addresses.
ATTEST_COLLECT_BLOCK_PRIVATE_NETWORKS = env_bool("ATTEST_COLLECT_BLOCK_PRIVATE_NETWORKS", False)
