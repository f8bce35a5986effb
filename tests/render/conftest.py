"""Fixtures for the rendering tests: a processed photo."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from cvimprover.images import process_photo


@pytest.fixture(scope="session")
def photo_jpeg() -> bytes:
    image = Image.new("RGB", (600, 800), (170, 190, 210))
    draw = ImageDraw.Draw(image)
    draw.ellipse((200, 150, 400, 380), fill=(225, 185, 155))
    draw.rectangle((150, 420, 450, 800), fill=(50, 70, 110))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return process_photo(buffer.getvalue()).square
