"""Photo processing: formats, limits, orientation, colour, metadata stripping, sizes."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from cvimprover.images import PhotoError, ProcessedPhoto, process_photo
from cvimprover.images.photo import MIN_SIDE, SIZES

RED, BLUE, WHITE = (220, 20, 30), (20, 40, 220), (255, 255, 255)


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def close(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def halves(width: int, height: int, first=RED, second=BLUE) -> Image.Image:
    """Left half `first`, right half `second`."""
    image = Image.new("RGB", (width, height), second)
    image.paste(first, (0, 0, width // 2, height))
    return image


def assert_clean(processed: ProcessedPhoto) -> None:
    """Every output is a plain JPEG: no EXIF, GPS, ICC profile, comment or XMP."""
    for size, data in processed.sizes.items():
        image = decode(data)
        assert image.format == "JPEG"
        assert image.size == (size, size)
        assert image.mode == "RGB"
        assert len(image.getexif()) == 0
        for key in ("exif", "icc_profile", "comment", "xmp", "photoshop"):
            assert key not in image.info, key
        assert b"Exif" not in data[: 64 * 1024]


def test_sizes_and_square() -> None:
    processed = process_photo(encode(halves(900, 600), "JPEG"))
    assert sorted(processed.sizes, reverse=True) == list(SIZES)
    assert processed.square == processed.sizes[max(SIZES)]
    assert (processed.width, processed.height) == (900, 600)
    assert_clean(processed)


def test_crop_is_centred() -> None:
    # Red band, white centre, blue band: a centred square of a 3:1 image is all white.
    image = Image.new("RGB", (900, 300), WHITE)
    image.paste(RED, (0, 0, 300, 300))
    image.paste(BLUE, (600, 0, 900, 300))
    square = decode(process_photo(encode(image, "PNG")).square)
    for x in (10, 256, 500):
        assert close(square.getpixel((x, 256)), WHITE)


def test_exif_orientation_applied_and_metadata_stripped() -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to display"
    exif[ExifTags.Base.Make] = "PhoneCo"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 31.0, 12.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(halves(600, 400), "JPEG", exif=exif, icc_profile=icc, comment=b"shot at home")
    source = Image.open(io.BytesIO(data))
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo), "test input must carry GPS"
    assert "comment" in source.info and "icc_profile" in source.info

    processed = process_photo(data)
    # Stored 600x400, shown upright as 400x600; the left (red) half ends up on top.
    assert (processed.width, processed.height) == (400, 600)
    square = decode(processed.square)
    assert close(square.getpixel((256, 20)), RED)
    assert close(square.getpixel((256, 490)), BLUE)
    assert_clean(processed)


def test_cmyk_jpeg_becomes_rgb_with_the_right_colour() -> None:
    cmyk = Image.new("CMYK", (300, 300), (0, 255, 255, 0))  # pure red ink
    square = decode(process_photo(encode(cmyk, "JPEG")).square)
    assert square.mode == "RGB"
    r, g, b = square.getpixel((256, 256))
    assert r > 200 and g < 60 and b < 60


def test_palette_png() -> None:
    image = halves(400, 400).convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    square = decode(process_photo(encode(image, "PNG")).square)
    assert close(square.getpixel((20, 256)), RED)
    assert close(square.getpixel((490, 256)), BLUE)


def test_palette_png_with_transparency_is_flattened_on_white() -> None:
    image = Image.new("P", (300, 300), 0)
    image.putpalette([0, 0, 0, 255, 0, 0])
    image.paste(1, (150, 0, 300, 300))
    data = encode(image, "PNG", transparency=0)
    square = decode(process_photo(data).square)
    assert close(square.getpixel((20, 256)), WHITE)
    assert close(square.getpixel((490, 256)), (255, 0, 0))


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_transparent_rgba_is_flattened_on_white(fmt) -> None:
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    image.paste((20, 40, 220, 255), (150, 0, 300, 300))
    params = {"lossless": True} if fmt == "WEBP" else {}
    processed = process_photo(encode(image, fmt, **params))
    square = decode(processed.square)
    assert close(square.getpixel((20, 256)), WHITE)
    assert close(square.getpixel((490, 256)), BLUE)
    assert_clean(processed)


def test_greyscale_with_alpha_and_16_bit_greyscale() -> None:
    la = Image.new("LA", (200, 200), (0, 0))
    assert close(decode(process_photo(encode(la, "PNG")).square).getpixel((100, 100)), WHITE)
    deep = Image.new("I;16", (200, 200), 65535)
    assert close(decode(process_photo(encode(deep, "PNG")).square).getpixel((100, 100)), WHITE)


def test_one_pixel_photo_is_refused_with_a_reason() -> None:
    with pytest.raises(PhotoError) as caught:
        process_photo(encode(Image.new("RGB", (1, 1)), "PNG"))
    assert "too small" in caught.value.message
    assert "1×1" in caught.value.message and str(MIN_SIDE) in caught.value.message


def test_thin_photo_is_refused() -> None:
    with pytest.raises(PhotoError, match="too small"):
        process_photo(encode(Image.new("RGB", (3000, 40)), "JPEG"))


@pytest.fixture(scope="module")
def twelve_megapixels() -> bytes:
    image = Image.radial_gradient("L").resize((4000, 3000)).convert("RGB")
    image.paste(RED, (0, 0, 2000, 3000))
    return encode(image, "JPEG", quality=90)


def test_twelve_megapixel_jpeg_is_quick(twelve_megapixels) -> None:
    process_photo(twelve_megapixels)  # warm up
    started = time.perf_counter()
    processed = process_photo(twelve_megapixels)
    elapsed = time.perf_counter() - started
    assert (processed.width, processed.height) == (4000, 3000)
    # Draft decoding at 1/4 scale plus reduce(): tens of milliseconds; full decode is ~10x.
    assert elapsed < 0.5, f"{elapsed:.3f}s"
    square = decode(processed.square)
    assert close(square.getpixel((5, 256)), RED)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares `width`x`height` but holds one tiny compressed row."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("width", "height", "limit"),
    [
        (100_000, 100_000, 40_000_000),  # Pillow's own bomb error (over 179 MP)
        (10_000, 10_000, 500_000_000),  # Pillow's bomb *warning* (89 MP), made an error
        (9_000, 9_000, 40_000_000),  # our explicit limit, checked before decoding
    ],
)
def test_decompression_bombs_are_refused_before_decoding(width, height, limit) -> None:
    started = time.perf_counter()
    with pytest.raises(PhotoError) as caught:
        process_photo(png_header_only(width, height), max_pixels=limit)
    assert "too large" in caught.value.message
    assert time.perf_counter() - started < 0.5


def test_lower_pixel_limit() -> None:
    with pytest.raises(PhotoError, match="too large"):
        process_photo(encode(Image.new("RGB", (400, 400)), "PNG"), max_pixels=100_000)


@pytest.mark.parametrize(
    "data",
    [
        encode(Image.new("RGB", (200, 200)), "GIF"),
        encode(Image.new("RGB", (200, 200)), "BMP"),
        encode(Image.new("RGB", (200, 200)), "TIFF"),
        b"%PDF-1.4 not a photo",
        b"\x00" * 100,
    ],
    ids=["gif", "bmp", "tiff", "pdf", "zeros"],
)
def test_other_formats_are_refused(data) -> None:
    with pytest.raises(PhotoError) as caught:
        process_photo(data)
    assert caught.value.message == "The photo is not a JPEG, PNG or WebP image."


def test_empty_input() -> None:
    with pytest.raises(PhotoError, match="empty"):
        process_photo(b"")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_truncated_and_corrupt_files_raise_only_photo_error(fmt) -> None:
    whole = encode(halves(300, 300), fmt)
    damaged = [whole[:cut] for cut in range(8, len(whole), max(1, len(whole) // 40))]
    middle = len(whole) // 2
    damaged.append(whole[:middle] + bytes(b ^ 0xFF for b in whole[middle : middle + 200]))
    for data in damaged:
        try:
            process_photo(data)
        except PhotoError as error:
            assert error.message
        # Anything else propagates and fails the test.


def test_photo_error_is_a_value_error_with_message() -> None:
    error = PhotoError("x")
    assert isinstance(error, ValueError) and error.message == "x"


def test_broken_icc_profile_is_ignored_not_fatal() -> None:
    data = encode(halves(300, 300), "JPEG", icc_profile=b"definitely not a profile")
    assert "icc_profile" in Image.open(io.BytesIO(data)).info
    processed = process_photo(data)
    assert close(decode(processed.square).getpixel((20, 256)), RED)
    assert_clean(processed)


def test_icc_tagged_transparent_png() -> None:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    image.paste((220, 20, 30, 255), (150, 0, 300, 300))
    processed = process_photo(encode(image, "PNG", icc_profile=icc))
    square = decode(processed.square)
    assert close(square.getpixel((20, 256)), WHITE)
    assert close(square.getpixel((490, 256)), RED)
    assert_clean(processed)


def test_png_text_chunks_are_not_carried_over() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at 52.52N 13.40E")
    info.add_text("Author", "someone")
    processed = process_photo(encode(halves(300, 300), "PNG", pnginfo=info))
    for data in processed.sizes.values():
        assert b"52.52N" not in data and b"someone" not in data
    assert_clean(processed)
