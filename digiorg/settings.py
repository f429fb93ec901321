"""One settings module, driven by the environment.

SQLite under ./var by default; set DATABASE_URL (postgres://...) for PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("DIGIORG_VAR_DIR", Path.cwd() / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DIGIORG_DEBUG")
# Production sets DIGIORG_SECRET_KEY; the fallback is only for the demo and tests.
SECRET_KEY = os.environ.get("DIGIORG_SECRET_KEY") or "insecure-demo-key-set-DIGIORG_SECRET_KEY"
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
    "django_filters",
    "digiorg.core",
    "digiorg.accounts",
    "digiorg.org",
    "digiorg.frameworks",
    "digiorg.cycles",
    "digiorg.plans",
    "digiorg.evidence",
    "digiorg.assessments",
    "digiorg.scoring",
    "digiorg.dashboards",
    "digiorg.reports",
    "digiorg.audit",
    "digiorg.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
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
                "digiorg.core.context_processors.site",
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
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

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
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "digiorg.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "digiorg.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "digiorg.api.errors.exception_handler",
}
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DIGIORG_LOG_LEVEL", "WARNING")},
}

DIGIORG_IMPORT_MAX_BYTES = int(os.environ.get("DIGIORG_IMPORT_MAX_BYTES", 20 * 2**20))

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
FILE_UPLOAD_HANDLERS = [
    "digiorg.evidence.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
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
# API: how long a create remembers its Idempotency-Key (a retry within this time replays it)
DIGIORG_IDEMPOTENCY_HOURS = int(os.environ.get("DIGIORG_IDEMPOTENCY_HOURS", 24))
