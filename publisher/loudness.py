"""Loudness as listeners need it: about -16 LUFS, true peak at most -1 dBTP (AES TD1004).

Every chapter is brought to the same loudness first, so no section is quieter
than another; then the whole is levelled and a look-ahead limiter keeps the
4x-oversampled (true) peak under the ceiling.
"""

from __future__ import annotations

import math

import numpy as np
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

TARGET_LUFS = -16.0
CEILING_DBTP = -1.5  # below the -1 dBTP rule: MP3 encoding adds a few tenths of a dB
BLOCK_SECONDS = 0.4  # the gating block of ITU-R BS.1770
LIMITER_SECONDS = 0.01  # how early the limiter starts turning down before a peak


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770); -inf for silence or very short sound."""
    if len(samples) < BLOCK_SECONDS * rate:
        return -math.inf
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples))


def true_peak(samples: np.ndarray) -> float:
    """The true peak in dBTP, from 4x oversampling (ITU-R BS.1770 annex 2)."""
    peak = float(np.max(_peaks(samples), initial=0.0))
    return 20 * math.log10(peak) if peak > 0 else -math.inf


def _peaks(samples: np.ndarray) -> np.ndarray:
    """The highest 4x-oversampled magnitude around each sample (float32: precise enough, fast)."""
    oversampled = resample_poly(samples.astype(np.float32), 4, 1)[: 4 * len(samples)]
    return np.abs(oversampled, out=oversampled).reshape(-1, 4).max(axis=1)


def to_loudness(samples: np.ndarray, rate: int, target: float = TARGET_LUFS) -> np.ndarray:
    level = integrated_loudness(samples, rate)
    if not math.isfinite(level):
        return samples
    return samples * 10 ** ((target - level) / 20)


def limit(samples: np.ndarray, rate: int, ceiling_db: float = CEILING_DBTP) -> np.ndarray:
    """Turn the gain down smoothly around every true peak above the ceiling."""
    ceiling = 10 ** (ceiling_db / 20)
    needed = np.minimum(1.0, ceiling / np.maximum(_peaks(samples), 1e-12))
    width = 2 * int(LIMITER_SECONDS * rate) + 1
    # A minimum then a mean over the same width never exceeds `needed` at any sample.
    gain = uniform_filter1d(minimum_filter1d(needed, width, mode="nearest"), width, mode="nearest")
    return samples * gain


def normalise(chapters: list[np.ndarray], rate: int) -> list[np.ndarray]:
    """The chapters levelled alike, then together to the target with true peaks limited."""
    levelled = [to_loudness(chapter, rate) for chapter in chapters]
    whole = np.concatenate(levelled) if levelled else np.zeros(0)
    for _ in range(2):  # limiting lowers loudness a little; make it up and limit again
        whole = limit(to_loudness(whole, rate), rate)
    while true_peak(whole) > CEILING_DBTP:  # a last guard: resampling can differ slightly
        whole = whole * 10 ** (-0.1 / 20)
    bounds = np.cumsum([len(chapter) for chapter in chapters])[:-1]
    return np.split(whole, bounds)
