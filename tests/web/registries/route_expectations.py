"""Route expectations of the registry pages (picked up by ``test_web_permissions.py``): lists for
anyone signed in (their own communes only), entry and import for the office and the admin."""

from __future__ import annotations

from web_routes import SIGNED_IN, at

# The pages name no unit in their URL: inside and outside are the same call. The office keeps
# its own province's registries, the administrator every one; reviewers, commune officers and
# the central office read.
KEEP = {"inside": {"office", "admin"}, "outside": {"office", "admin"}}
PAGES = {
    "registries": (SIGNED_IN, at("GET", "/so-theo-doi/")),
    "registries-ocop": (SIGNED_IN, at("GET", "/so-theo-doi/ocop/")),
    "registries-ocop-add": (KEEP, at("GET", "/so-theo-doi/ocop/them/")),
    "registries-ocop-import": (KEEP, at("GET", "/so-theo-doi/ocop/nhap/")),
    "registries-models": (SIGNED_IN, at("GET", "/so-theo-doi/mo-hinh/")),
    "registries-models-add": (KEEP, at("GET", "/so-theo-doi/mo-hinh/them/")),
    "registries-models-import": (KEEP, at("GET", "/so-theo-doi/mo-hinh/nhap/")),
    "registries-villages": (SIGNED_IN, at("GET", "/so-theo-doi/thon/")),
    "registries-villages-add": (KEEP, at("GET", "/so-theo-doi/thon/them/")),
    "registries-standing-add": (KEEP, at("GET", "/so-theo-doi/thon/danh-hieu/")),
    "registries-villages-import": (KEEP, at("GET", "/so-theo-doi/thon/nhap/")),
}
