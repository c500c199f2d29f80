"""Loudness and true peak, measured once, against pyloudnorm and plain 4x oversampling."""

from __future__ import annotations

import math
import tracemalloc

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from publisher.speech import loudness

RATE = 24_000


def reference_true_peak(samples: np.ndarray) -> float:
    """dBTP from oversampling the whole sound 4x with scipy, as BS.1770 annex 2 describes."""
    oversampled = resample_poly(samples.astype(np.float64), 4, 1)
    return 20 * math.log10(np.abs(oversampled).max())


def speech_like(seconds: float, seed: int, level: float = 0.1) -> np.ndarray:
    """Bursts of harmonics with sharp clicks: peaky like speech, quiet between words."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    voice = sum(np.sin(2 * np.pi * f * t) / k for k, f in enumerate((140, 280, 420, 900), 1))
    words = (np.sin(2 * np.pi * 2.5 * t) > 0.2).astype(np.float64)
    sound = level * voice * words + 0.01 * rng.standard_normal(len(t))
    clicks = rng.integers(0, len(t), size=int(seconds * 3))
    sound[clicks] = rng.choice([-3 * level, 3 * level], size=len(clicks))
    return sound.astype(np.float32)


@pytest.mark.parametrize("rate", [22_050, 24_000, 48_000])
def test_the_meter_agrees_with_pyloudnorm(rate: int) -> None:
    sound = np.random.default_rng(1).standard_normal(rate * 12) * 0.05
    sound[: rate * 4] *= 0.001  # a quiet start the gates must leave out
    expected = pyloudnorm.Meter(rate).integrated_loudness(sound)
    assert loudness.integrated_loudness(sound, rate) == pytest.approx(expected, abs=0.01)


def test_silence_and_very_short_sound_have_no_loudness() -> None:
    assert loudness.integrated_loudness(np.zeros(RATE * 2), RATE) == -math.inf
    assert loudness.integrated_loudness(np.ones(100) * 0.5, RATE) == -math.inf


def test_the_true_peak_is_the_oversampled_one() -> None:
    sound = speech_like(20, seed=2)
    sound[RATE * 7 : RATE * 7 + 8] = [0.9, -0.9] * 4  # an inter-sample peak far above the samples
    assert loudness.true_peak(sound) == pytest.approx(reference_true_peak(sound), abs=0.001)
    quiet = sound * 0.001
    assert loudness.true_peak(quiet) == pytest.approx(reference_true_peak(quiet), abs=0.001)
    assert loudness.true_peak(np.zeros(1000)) == -math.inf


def test_normalise_levels_chapters_and_limits_true_peaks_in_place() -> None:
    chapters = [speech_like(30, seed=3, level=0.02), speech_like(40, seed=4, level=0.3)]
    sound = np.concatenate(chapters)
    tracemalloc.start()
    result = loudness.normalise(sound, [len(c) for c in chapters], RATE, -16.0)
    _, peak_memory = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result is sound and sound.dtype == np.float32  # levelled in place
    assert peak_memory < 4 * sound.nbytes  # and in a small multiple of its own size
    meter = pyloudnorm.Meter(RATE)
    whole = meter.integrated_loudness(sound.astype(np.float64))
    assert whole == pytest.approx(-16.0, abs=0.3)
    first, second = sound[: len(chapters[0])], sound[len(chapters[0]) :]
    levels = [meter.integrated_loudness(part.astype(np.float64)) for part in (first, second)]
    assert abs(levels[0] - levels[1]) < 1.0, levels  # a 23 dB difference made even
    assert reference_true_peak(sound) <= loudness.CEILING_DBTP + 0.001
