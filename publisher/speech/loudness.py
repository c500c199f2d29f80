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
    return samples * _limiter_gain(_peaks(samples), rate, ceiling_db)


def _limiter_gain(peaks: np.ndarray, rate: int, ceiling_db: float = CEILING_DBTP) -> np.ndarray:
    needed = np.minimum(1.0, 10 ** (ceiling_db / 20) / np.maximum(peaks, 1e-12))
    width = 2 * int(LIMITER_SECONDS * rate) + 1
    # A minimum then a mean over the same width never exceeds `needed` at any sample.
    return uniform_filter1d(minimum_filter1d(needed, width, mode="nearest"), width, mode="nearest")


def normalise(
    chapters: list[np.ndarray], rate: int, target: float = TARGET_LUFS
) -> list[np.ndarray]:
    """The chapters levelled alike, then together to the target with true peaks limited."""
    levelled = [to_loudness(chapter, rate, target) for chapter in chapters]
    whole = np.concatenate(levelled) if levelled else np.zeros(0)
    # Limiting eats part of any gain added before it: find the gain that leaves the limited
    # sound at the target by the secant method (two or three rounds are enough).
    gain = previous = level = 0.0
    limited = whole
    slope = 1.0  # dB of loudness per dB of gain; below 1 once the limiter works
    peaks = _peaks(whole)  # a gain scales the peaks alike: oversample once
    for _ in range(4):
        scale = 10 ** (gain / 20)
        limited = whole * scale * _limiter_gain(peaks * scale, rate)
        found = integrated_loudness(limited, rate)
        if not math.isfinite(found) or abs(found - target) < 0.1:
            break
        if gain:
            slope = max(0.2, (found - level) / (gain - previous))
        previous, level = gain, found
        gain += (target - found) / slope
    while true_peak(limited) > CEILING_DBTP:  # a last guard: resampling can differ slightly
        limited = limited * 10 ** (-0.1 / 20)
    bounds = np.cumsum([len(chapter) for chapter in chapters])[:-1]
    return np.split(limited, bounds)
