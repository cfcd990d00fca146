"""Stage 6: the public archive (Django): pages, JSON API, feeds, sitemap, editors' admin."""
