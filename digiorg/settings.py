"""One settings module, driven by the environment.

SQLite under ./var by default; set DATABASE_URL (postgres://...) for PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("DIGIORG_VAR_DIR", Path.cwd() / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DIGIORG_DEBUG")
DEMO_SECRET_KEY = "insecure-demo-key-set-DIGIORG_SECRET_KEY"
# Production sets DIGIORG_SECRET_KEY. The demo key serves the demo, the tests and the command
# line; the web application (digiorg.wsgi, run by gunicorn) refuses to start on it unless
# DIGIORG_DEBUG is on, and `digiorg check --deploy` warns about it.
SECRET_KEY = os.environ.get("DIGIORG_SECRET_KEY") or DEMO_SECRET_KEY
ALLOWED_HOSTS = os.environ.get("DIGIORG_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_htmx",
    "template_partials",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "auditlog",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_filters",
    "digiorg.core",
    "digiorg.accounts",
    "digiorg.org",
    "digiorg.frameworks",
    "digiorg.cycles",
    "digiorg.plans",
    "digiorg.evidence",
    "digiorg.assessments",
    "digiorg.catalogue",
    "digiorg.scoring",
    "digiorg.dashboards",
    "digiorg.reports",
    "digiorg.audit",
    "digiorg.api",
    "digiorg.home",
    "digiorg.sample",
]

MIDDLEWARE = [
    "digiorg.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "digiorg.core.ratelimit.PublicRateLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "digiorg.accounts.middleware.UserLanguageMiddleware",
    "digiorg.accounts.middleware.MfaRequiredMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "digiorg.core.locks.LockConflictMiddleware",
]

ROOT_URLCONF = "digiorg.urls"
WSGI_APPLICATION = "digiorg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "digiorg.home.context_processors.site",
            ],
            "builtins": ["digiorg.core.templatetags.thai", "digiorg.core.templatetags.ui"],
        },
    }
]

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file lives here
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'digiorg.sqlite3'}",
        conn_max_age=int(os.environ.get("DIGIORG_CONN_MAX_AGE", 0)),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction starts (not half-way, when SQLite cannot
    # wait and answers "database is locked"), and wait up to the timeout for another writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": float(os.environ.get("DIGIORG_SQLITE_TIMEOUT", 20)),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login: username or email; no self sign-up; lockout after repeated failures (per login name
# and per address); TOTP required for the roles in accounts.roles.MFA_REQUIRED.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_ADAPTER = "digiorg.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("DIGIORG_LOGIN_LIMIT", "5/15m/key,30/15m/ip"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "digiorg"
SESSION_COOKIE_AGE = int(os.environ.get("DIGIORG_SESSION_SECONDS", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "digiorg.core.error_pages.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS (production): DIGIORG_HTTPS=1 makes cookies secure, redirects http to https (except
# /healthz for probes) and sends HSTS. Behind a reverse proxy that terminates TLS, also set
# DIGIORG_BEHIND_PROXY=1 so X-Forwarded-Proto: https marks a request as secure (the proxy must
# set that header itself and drop any the client sent).
HTTPS = env_bool("DIGIORG_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DIGIORG_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DIGIORG_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DIGIORG_HSTS_PRELOAD", True)
if env_bool("DIGIORG_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy on every response: scripts only from this site, never inline (no
# <script> bodies, no on*= attributes: templates pass data in type=application/json elements).
# Styles allow 'unsafe-inline' for style attributes (progress bar widths, htmx's indicator
# styles, the API docs); that is styles only. Images allow data: (chart export, API docs).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True
# Dates are shown in the Buddhist era unless this is False.
DIGIORG_BUDDHIST_ERA = env_bool("DIGIORG_BUDDHIST_ERA", True)

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Evidence files: on disk under MEDIA_ROOT, or in S3-compatible storage when a bucket is set
# (DIGIORG_S3_BUCKET, DIGIORG_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
_S3_BUCKET = os.environ.get("DIGIORG_S3_BUCKET", "")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": _S3_BUCKET,
                "endpoint_url": os.environ.get("DIGIORG_S3_ENDPOINT_URL") or None,
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if _S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "digiorg.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "digiorg.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "digiorg.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "digiorg.api.errors.exception_handler",
}
# API tokens stop working this many days after they were issued.
DIGIORG_TOKEN_DAYS = int(os.environ.get("DIGIORG_TOKEN_DAYS", 30))
SPECTACULAR_SETTINGS = {
    "TITLE": "digiorg API",
    "DESCRIPTION": "Digital-organization frameworks, plans, evidence and readiness.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "digiorg.plans.models.Action.Status",
        "ProgressStatusEnum": "digiorg.plans.models.ProgressReport.Status",
        "AssessmentStatusEnum": "digiorg.assessments.models.CriterionAssessment.Status",
        "AssessmentResultEnum": "digiorg.assessments.models.CriterionAssessment.Result",
        "CycleStatusEnum": "digiorg.cycles.models.Cycle.Status",
        "AssignmentKindEnum": "digiorg.cycles.models.Assignment.Kind",
        "EvidenceKindEnum": "digiorg.evidence.models.Evidence.Kind",
        "UnitKindEnum": "digiorg.org.models.OrgUnit.Kind",
    },
}

DIGIORG_ORGANIZATION_NAME = {
    "th": "กรมสนับสนุนบริการสุขภาพ",
    "en": "Department of Health Service Support",
}
DIGIORG_DEMO_PASSWORD = "digiorg-demo-2568"

# Logs go to the console. Refused requests (4xx, e.g. 403 PermissionDenied) are one line,
# never a traceback. DIGIORG_LOG_JSON=1 writes JSON lines instead, plus one line per request
# (user id, method, path, status, duration in ms) on the "digiorg.request" logger.
LOG_JSON = env_bool("DIGIORG_LOG_JSON")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_short": {"()": "digiorg.core.logs.ClientErrorsWithoutTraceback"}},
    "formatters": {"json": {"()": "digiorg.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client_errors_short"],
            **({"formatter": "json"} if LOG_JSON else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DIGIORG_LOG_LEVEL", "WARNING")},
    "loggers": {"digiorg.request": {"level": "INFO" if LOG_JSON else "WARNING"}},
}

DIGIORG_IMPORT_MAX_BYTES = int(os.environ.get("DIGIORG_IMPORT_MAX_BYTES", 20 * 2**20))
# The catalogue import page reads CKAN portals on public addresses only, unless this allows the
# private network too (a GD Catalog on the intranet). The import_catalogue command may always.
DIGIORG_IMPORT_PRIVATE_SOURCES = env_bool("DIGIORG_IMPORT_PRIVATE_SOURCES", False)

# Mail: the console backend prints mails (demo); production sets an SMTP backend.
EMAIL_BACKEND = os.environ.get(
    "DIGIORG_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DIGIORG_FROM_EMAIL", "digiorg@localhost")
# Links in mails start with this address.
DIGIORG_BASE_URL = os.environ.get("DIGIORG_BASE_URL", "http://127.0.0.1:8000")
# `digiorg send_reminders` mails this many days before each cycle deadline, and on the day.
DIGIORG_REMINDER_DAYS = int(os.environ.get("DIGIORG_REMINDER_DAYS", 7))

# Uploads: evidence files over this size are refused (bytes; default 50 MB). Files above
# 2.5 MB go to a temporary file while the request is read, never into memory.
DIGIORG_UPLOAD_MAX_BYTES = int(os.environ.get("DIGIORG_UPLOAD_MAX_BYTES", 50 * 2**20))
# Large uploads wait here while the request is read; each start removes files older than a day.
FILE_UPLOAD_TEMP_DIR = str(VAR_DIR / "tmp" / "uploads")
DIGIORG_UPLOAD_TEMP_MAX_AGE = int(os.environ.get("DIGIORG_UPLOAD_TEMP_MAX_AGE", 24 * 3600))
FILE_UPLOAD_HANDLERS = [
    "digiorg.evidence.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# ZIP containers (zip evidence, Office files, spreadsheets to import) are refused when their
# entries unpack to more than this many bytes together, hold more entries than this, or one
# entry unpacks to more than this many times its packed size (a zip bomb).
DIGIORG_ARCHIVE_MAX_BYTES = int(os.environ.get("DIGIORG_ARCHIVE_MAX_BYTES", 500 * 2**20))
DIGIORG_ARCHIVE_MAX_ENTRIES = int(os.environ.get("DIGIORG_ARCHIVE_MAX_ENTRIES", 10_000))
DIGIORG_ARCHIVE_MAX_RATIO = int(os.environ.get("DIGIORG_ARCHIVE_MAX_RATIO", 200))
# Evidence expiring within this many days is flagged as expiring soon.
DIGIORG_EXPIRY_WARNING_DAYS = int(os.environ.get("DIGIORG_EXPIRY_WARNING_DAYS", 60))

# The official memo (บันทึกข้อความ) to the executive: filled from here and from the cycle.
DIGIORG_MEMO = {
    "office": os.environ.get(
        "DIGIORG_MEMO_OFFICE", "กลุ่มเทคโนโลยีสารสนเทศ สำนักงานเลขานุการกรม โทร. ๐ ๒๑๙๓ ๗๐๐๐"
    ),
    "number": os.environ.get("DIGIORG_MEMO_NUMBER", "สธ ๐๗๐๑.๔/"),
    "to": os.environ.get("DIGIORG_MEMO_TO", "อธิบดีกรมสนับสนุนบริการสุขภาพ"),
    "signer": os.environ.get("DIGIORG_MEMO_SIGNER", ""),
    "position": os.environ.get("DIGIORG_MEMO_POSITION", "หัวหน้ากลุ่มเทคโนโลยีสารสนเทศ"),
}
# Thai digits in official documents (the memo); on by default as official practice.
DIGIORG_THAI_DIGITS = os.environ.get("DIGIORG_THAI_DIGITS", "1") not in ("0", "false", "no", "")

# Background work (django-tasks): snapshots, mail and large reports leave the request.
# DIGIORG_TASKS_BACKEND: "database" (default; the task table in this database, run by
# `digiorg worker`, which `digiorg demo` starts itself), "rq" (Redis through RQ for larger sites:
# `uv sync --extra redis`, REDIS_URL, and `digiorg worker` runs the RQ worker), "immediate"
# (inside the request, as the tests run them), or the dotted path of any django-tasks backend.
_TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_TASKS_BACKEND = os.environ.get("DIGIORG_TASKS_BACKEND", "database")
TASKS = {"default": {"BACKEND": _TASKS_BACKENDS.get(_TASKS_BACKEND, _TASKS_BACKEND)}}
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
if TASKS["default"]["BACKEND"].startswith("django_tasks_rq."):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}
# A mail that fails is tried this many times in all, waiting 1, 5, 25 ... times this long.
DIGIORG_MAIL_ATTEMPTS = int(os.environ.get("DIGIORG_MAIL_ATTEMPTS", 4))
DIGIORG_MAIL_RETRY_SECONDS = int(os.environ.get("DIGIORG_MAIL_RETRY_SECONDS", 60))
# A snapshot still marked pending after this long is asked for again (a lost task).
DIGIORG_SNAPSHOT_STALE_SECONDS = int(os.environ.get("DIGIORG_SNAPSHOT_STALE_SECONDS", 600))
# Report files built in the background are kept this many days.
DIGIORG_REPORT_KEEP_DAYS = int(os.environ.get("DIGIORG_REPORT_KEEP_DAYS", 7))
# Public pages and open-data APIs (/p/, /api/3/, /api/action/, DCAT): requests per client
# address per window (seconds) before 429; 0 turns the limit off (digiorg.core.ratelimit).
DIGIORG_PUBLIC_RATE_LIMIT = int(os.environ.get("DIGIORG_PUBLIC_RATE_LIMIT", 120))
DIGIORG_PUBLIC_RATE_WINDOW = int(os.environ.get("DIGIORG_PUBLIC_RATE_WINDOW", 60))
# API: how long a create remembers its Idempotency-Key (a retry within this time replays it)
DIGIORG_IDEMPOTENCY_HOURS = int(os.environ.get("DIGIORG_IDEMPOTENCY_HOURS", 24))
