"""The Xing/Info frame (with LAME's tag) that tells players a CBR MP3's exact length.

Without it a player guesses the length from the file size and the bit rate, and a
decoder plays LAME's start delay and end padding as silence. The Info frame is one
silent frame before the audio giving the number of frames and bytes, a seek table,
and (LAME's tag) the encoder delay and padding, so mutagen and ffmpeg report exactly
the samples encoded. Layout: Xing's header spec and LAME's "Mp3 Info Tag rev 1".
"""

from __future__ import annotations

import struct

ENCODER_DELAY = 576  # samples LAME puts before the audio (lame_get_encoder_delay)
FRAME_SAMPLES = {1: 1152, 2: 576}  # layer III, by MPEG version (1, or 2 and 2.5)
BIT_RATES = {  # kbit/s by bitrate index, layer III
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
FLAGS = 0x0F  # frames, bytes, seek table, quality


def with_info_frame(mp3: bytes, samples: int) -> bytes:
    """A LAME stream (no ID3) with an Info frame in front saying it holds `samples`
    ('Xing' instead when the bit rate varies, so the seek table matters)."""
    sizes = frame_sizes(mp3)
    header = mp3[:4]
    version_bits = (header[1] >> 3) & 0b11
    version = 1 if version_bits == 3 else 2
    mono = (header[3] >> 6) == 0b11
    side_info = (17 if mono else 32) if version == 1 else (9 if mono else 17)
    padding = len(sizes) * FRAME_SAMPLES[version] - ENCODER_DELAY - samples
    constant = _bit_rate_index(mp3, sizes) != -1
    kbit = BIT_RATES[version][header[2] >> 4]
    tag_length = 4 + side_info + 120 + 36  # header, side info, Xing fields, LAME's tag
    header = _roomy(header, tag_length)  # a higher bit rate when the frames are too small
    size = _frame_size(header)
    total = len(mp3) + size
    body = (b"Info" if constant else b"Xing") + struct.pack(">III", FLAGS, len(sizes), total)
    body += seek_table(sizes, size, total) + struct.pack(">I", 100)
    body += lame_tag(kbit, padding, total)
    frame = bytearray(size)
    frame[:4] = header
    start = 4 + side_info
    frame[start : start + len(body)] = body
    end = start + len(body) - 2  # the tag's CRC covers everything before it (190 bytes in
    frame[end : end + 2] = struct.pack(">H", crc16(bytes(frame[:end])))  # MPEG-1 stereo)
    return bytes(frame) + mp3


def _roomy(header: bytes, needed: int) -> bytes:
    """The first frame's header without its padding bit, at the lowest bit rate (from its
    own up) whose frame holds `needed` bytes, as LAME does for its own tag."""
    for index in range(header[2] >> 4, 15):
        candidate = bytes([header[0], header[1], index << 4 | header[2] & 0b1100, header[3]])
        if _frame_size(candidate) >= needed:
            return candidate
    raise ValueError("no MP3 frame is large enough for the Info tag")


def frame_sizes(mp3: bytes) -> list[int]:
    """The size of each MPEG audio frame, walking the stream from its first byte."""
    sizes, position = [], 0
    while position + 4 <= len(mp3):
        header = mp3[position : position + 4]
        if header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
            raise ValueError(f"not an MPEG audio frame at byte {position}")
        sizes.append(_frame_size(header))
        position += sizes[-1]
    return sizes


def _frame_size(header: bytes) -> int:
    version_bits = (header[1] >> 3) & 0b11
    version = 1 if version_bits == 3 else 2
    rate = SAMPLE_RATES[version_bits][(header[2] >> 2) & 0b11]
    kbit = BIT_RATES[version][header[2] >> 4]
    return (144 if version == 1 else 72) * kbit * 1000 // rate + ((header[2] >> 1) & 1)


def _bit_rate_index(mp3: bytes, sizes: list[int]) -> int:
    """The one bit-rate index of every frame, or -1 when they differ (VBR)."""
    position, found = 0, set()
    for size in sizes:
        found.add(mp3[position + 2] >> 4)
        position += size
    return found.pop() if len(found) == 1 else -1


def seek_table(sizes: list[int], info_size: int, total: int) -> bytes:
    """Xing's 100 entries: where in the file (in 256ths) each percent of the time starts."""
    starts, position = [], info_size
    for size in sizes:
        starts.append(position)
        position += size
    if not starts:
        return bytes(100)
    return bytes(
        min(255, starts[min(len(starts) - 1, i * len(starts) // 100)] * 256 // total)
        for i in range(100)
    )


def lame_tag(kbit: int, padding: int, total: int) -> bytes:
    """LAME's 36 bytes: version, CBR, bit rate, delay and padding, length; CRCs left zero
    (the music CRC is optional; the tag's own is filled in by with_info_frame)."""
    delay_padding = (ENCODER_DELAY << 12 | max(0, padding)).to_bytes(3, "big")
    tag = b"LAME3.100" + bytes([0x01, 0]) + bytes(8) + bytes([0, min(kbit, 255)])
    tag += delay_padding + bytes(4) + struct.pack(">I", total) + bytes(2)
    return tag + bytes(2)


def crc16(data: bytes) -> int:
    """CRC-16 (polynomial 0x8005, reflected), as LAME computes its tag's checksum."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc
