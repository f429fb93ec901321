"""DCAT as ckanext-dcat serves it: /catalog.<format> and /dataset/<id>.<format>."""

from django.urls import re_path

from . import dcat

urlpatterns = [
    re_path(r"^catalog\.(?P<fmt>ttl|rdf|jsonld)$", dcat.catalog, name="dcat-catalog"),
    re_path(
        r"^dataset/(?P<ident>[^/.]+)\.(?P<fmt>ttl|rdf|jsonld)$", dcat.dataset, name="dcat-dataset"
    ),
]
