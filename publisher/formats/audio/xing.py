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
    """A LAME CBR stream (no ID3) with an Info frame in front saying it holds `samples`."""
    header = mp3[:4]
    version_bits = (header[1] >> 3) & 0b11
    version = 1 if version_bits == 3 else 2
    rate = SAMPLE_RATES[version_bits][(header[2] >> 2) & 0b11]
    kbit = BIT_RATES[version][header[2] >> 4]
    size = (144 if version == 1 else 72) * kbit * 1000 // rate
    frames = len(mp3) // size
    padding = frames * FRAME_SAMPLES[version] - ENCODER_DELAY - samples
    mono = (header[3] >> 6) == 0b11
    side_info = (17 if mono else 32) if version == 1 else (9 if mono else 17)
    frame = bytearray(size)
    frame[:4] = bytes([header[0], header[1], header[2] & 0b11111101, header[3]])  # no padding bit
    total = len(mp3) + size
    body = b"Info" + struct.pack(">III", FLAGS, frames, total)
    body += bytes(int(i * 256 / 100) for i in range(100)) + struct.pack(">I", 100)
    body += lame_tag(kbit, padding, total)
    start = 4 + side_info
    frame[start : start + len(body)] = body
    frame[start + len(body) - 2 : start + len(body)] = struct.pack(">H", crc16(bytes(frame[:190])))
    return bytes(frame) + mp3


def lame_tag(kbit: int, padding: int, total: int) -> bytes:
    """LAME's 36 bytes: version, CBR, bit rate, delay and padding, length; CRC last (zero)."""
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
