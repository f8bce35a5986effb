"""Turns an uploaded photo into clean, metadata-free square JPEGs for the CV templates."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from io import BytesIO

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
# Square sizes, largest first; templates print the photo at ~30 mm, which 512 px covers at 430 dpi.
SIZES = (512, 256, 128)
# Smaller than this and a face is a smudge in print: refuse rather than upscale blur.
MIN_SIDE = 128
JPEG_QUALITY = 88


class PhotoError(ValueError):
    """The photo cannot be used; `.message` is safe to show to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ProcessedPhoto:
    """`square` is the largest size; `width`/`height` describe the upright source photo."""

    square: bytes
    sizes: dict[int, bytes] = field(default_factory=dict)
    width: int = 0
    height: int = 0


_SRGB = ImageCms.createProfile("sRGB")
_ORIENTATION = 0x0112


def process_photo(data: bytes, *, max_pixels: int = 40_000_000) -> ProcessedPhoto:
    """Validate, orient, colour-correct, crop to a centred square and resize `data`.

    Raises PhotoError, and only PhotoError, for anything wrong with the bytes.
    """
    if not data:
        raise PhotoError("The photo is empty.")
    try:
        # Pillow only warns at 89 MP and errors at 179 MP; make the warning an error too.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _process(data, max_pixels)
    except PhotoError:
        raise
    except UnidentifiedImageError as exc:
        raise PhotoError("The photo is not a JPEG, PNG or WebP image.") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoError(_too_large_message(max_pixels)) from exc
    except MemoryError as exc:
        raise PhotoError(_too_large_message(max_pixels)) from exc
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError... for bad files
        raise PhotoError("The photo is damaged or incomplete; try another file.") from exc


def _too_large_message(max_pixels: int) -> str:
    return (
        f"The photo is too large (over {max_pixels / 1_000_000:g} megapixels); use a smaller photo."
    )


def _process(data: bytes, max_pixels: int) -> ProcessedPhoto:
    image = Image.open(BytesIO(data), formats=ACCEPTED_FORMATS)
    width, height = image.size
    # The header is all that has been read so far: refuse before decoding any pixels.
    if width * height > max_pixels:
        raise PhotoError(
            f"The photo is too large ({width}×{height} pixels, "
            f"over {max_pixels / 1_000_000:g} megapixels); use a smaller photo."
        )
    if min(width, height) < MIN_SIDE:
        raise PhotoError(
            f"The photo is too small ({width}×{height} pixels); "
            f"use one at least {MIN_SIDE}×{MIN_SIDE} pixels."
        )
    largest = SIZES[0]
    if image.format == "JPEG":
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale while the short side stays >= largest.
        scale = largest / min(width, height)
        image.draft(image.mode, (int(width * scale) + 1, int(height * scale) + 1))
    image.load()
    icc = image.info.get("icc_profile")

    # Orientation lives in EXIF, so apply it before the metadata goes.
    image, quarter_turn = _upright(image)
    upright_width, upright_height = (height, width) if quarter_turn else (width, height)
    image = _to_srgb(image, icc)
    image = _flatten(image)

    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    box = (left, top, left + side, top + side)
    factor = side // (largest * 2)
    if factor >= 2:
        # Cheap integer box-downscale first; Lanczos then only works on ~2x the target.
        image = image.reduce(factor, box=box)
        box = (0, 0, image.width, image.height)
    square = image.resize((largest, largest), Image.Resampling.LANCZOS, box=box)

    sizes = {}
    for size in SIZES:
        # Exact halvings (512 -> 256 -> 128) are a box average: as sharp as Lanczos, 10x quicker.
        if largest % size == 0:
            resized = square.reduce(largest // size)
        else:
            resized = square.resize((size, size), Image.Resampling.LANCZOS)
        sizes[size] = _jpeg(resized)
    return ProcessedPhoto(
        square=sizes[largest], sizes=sizes, width=upright_width, height=upright_height
    )


def _upright(image: Image.Image) -> tuple[Image.Image, bool]:
    """The image turned as its EXIF orientation says, and whether width and height swapped."""
    try:
        orientation = image.getexif().get(_ORIENTATION, 1)
        return ImageOps.exif_transpose(image), orientation in (5, 6, 7, 8)
    except Exception:  # unreadable EXIF: the pixels are still fine, keep them as stored
        return image, False


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Pixels converted into sRGB using the embedded profile, when there is a usable one."""
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(BytesIO(icc))
            output = "RGBA" if image.mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode=output)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to assuming the pixels are sRGB already
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """An RGB image; transparent areas become white, as on paper."""
    if image.mode in ("RGBA", "LA", "PA") or (
        image.mode in ("P", "L", "RGB") and "transparency" in image.info
    ):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale PNG: scale to 8 bits before the RGB conversion clips it.
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode != "RGB":
        image = image.convert("RGB")
    return image


def _jpeg(image: Image.Image) -> bytes:
    # A fresh info dict: Pillow would otherwise carry the source's comment and XMP over.
    image.info = {}
    out = BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()
