"""Django settings of the archive. Embedded by default: one SQLite file and a search index
directory under the data directory (``GONGBAO_DATA``, default ``./data``)."""

from __future__ import annotations

import os
from pathlib import Path

from gongbao.store.config import data_dir, database_settings

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = os.environ.get("GONGBAO_SECRET_KEY") or "gongbao-local-" + str(DATA_DIR)
DEBUG = os.environ.get("GONGBAO_DEBUG_WEB") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("GONGBAO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "gongbao.store",
    "gongbao.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongbao.web.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
WSGI_APPLICATION = "gongbao.web.wsgi.application"

DATABASES = {"default": database_settings()}
if os.environ.get("GONGBAO_SOURCE_DATABASE_URL"):  # `gongbao migrate-archive` reads from here
    DATABASES["source"] = database_settings(os.environ["GONGBAO_SOURCE_DATABASE_URL"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
