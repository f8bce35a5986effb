"""API routes for the template gallery: list templates, preview each one."""

from __future__ import annotations

from flask import Response, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from cvimprover.api.errors import ApiError
from cvimprover.api.schemas import ERROR_DESCRIPTIONS, ErrorSchema
from cvimprover.extensions import cache
from cvimprover.gallery.schemas import TemplateListSchema

blp = Blueprint(
    "api_templates", __name__, url_prefix="/api/v1/templates", description="PDF templates"
)
PREVIEW_TIMEOUT = 24 * 3600


def _templates():
    from cvimprover.cv.render import TEMPLATES

    return TEMPLATES


@cache.memoize(timeout=PREVIEW_TIMEOUT)
def template_preview(name: str) -> bytes:
    """PNG of page 1 of the sample CV in template `name` (rendered once, then cached)."""
    from cvimprover.cv.render import render_pdf, render_preview
    from cvimprover.cv.render.samples import sample_cv

    return render_preview(render_pdf(sample_cv(), name))


@blp.route("")
class TemplateList(MethodView):
    @blp.response(200, TemplateListSchema)
    def get(self):
        """The PDF templates a CV can be rendered in"""
        return {
            "items": [
                {
                    "name": info.name,
                    "title": info.title,
                    "description": info.description,
                    "supports_photo": info.supports_photo,
                    "preview_url": url_for(".TemplatePreview", name=info.name),
                }
                for info in sorted(_templates().values(), key=lambda t: t.name)
            ]
        }


@blp.route("/<name>/preview.png")
class TemplatePreview(MethodView):
    @blp.response(200, content_type="image/png", description="Page 1 with a sample CV")
    @blp.alt_response(404, schema=ErrorSchema, description=ERROR_DESCRIPTIONS[404])
    def get(self, name):
        """A preview image of the template"""
        if name not in _templates():
            raise ApiError(404, f"No template named {name!r}.")
        response = Response(template_preview(name), mimetype="image/png")
        response.cache_control.public = True
        response.cache_control.max_age = 3600
        return response
