"""Loudness as listeners need it: about -16 LUFS, true peak at most -1 dBTP (AES TD1004).

Every chapter is brought to the same loudness first, so no section is quieter than
another; then a look-ahead limiter keeps the 4x-oversampled (true) peak under the ceiling,
and the whole is levelled to the target. Each is measured once: the K-weighted power of
every 100 ms and the true peaks of every block are kept, and a gain (even the limiter's,
which varies slowly) scales them rather than measuring again. Samples are float32, and
only blocks that may reach the ceiling are oversampled: a block whose samples, times the
oversampling filter's largest gain, stay under it cannot have a true peak above it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Sequence

import numpy as np
from pyloudnorm.iirfilter import IIRfilter
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import firwin, sosfilt, upfirdn

TARGET_LUFS = -16.0
CEILING_DBTP = -1.5  # below the -1 dBTP rule: MP3 encoding adds a few tenths of a dB
BLOCK_SECONDS = 0.4  # the gating block of ITU-R BS.1770, in four steps of 100 ms
ABSOLUTE_GATE, RELATIVE_GATE = -70.0, -10.0  # LUFS, and LU under the ungated loudness
LIMITER_SECONDS = 0.01  # how early the limiter starts turning down before a peak
OVERSAMPLING = 4  # ITU-R BS.1770 annex 2
# The interpolation filter (as scipy's resample_poly makes it): 10 input samples each side.
HALF_TAPS = 10 * OVERSAMPLING
FILTER = (
    firwin(2 * HALF_TAPS + 1, 1 / OVERSAMPLING, window=("kaiser", 5.0)) * OVERSAMPLING
).astype(np.float32)
# No oversampled value exceeds the largest input magnitude nearby times this.
FILTER_GAIN = max(float(np.abs(FILTER[p::OVERSAMPLING]).sum()) for p in range(OVERSAMPLING))
MARGIN = HALF_TAPS // OVERSAMPLING + 1  # input samples the filter reaches either side
BLOCK = 4096  # samples per block when looking for the true peak of any sound
CHUNK_STEPS = 100  # the limiter works 10 s (100 steps of 100 ms) at a time: bounded memory
ROUNDS = 3  # of levelling: the limiter eats part of a gain, so one more round may be needed
LEVEL_TOLERANCE = 0.1  # LU from the target: well inside the +-1 LU listeners are given
GUARD_DB = 1.0  # peaks this close to the ceiling after limiting are measured again


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770-4); -inf for silence or very short sound."""
    return gated_loudness(step_powers(k_weighted(samples, rate), rate), rate)


def k_weighted(samples: np.ndarray, rate: int) -> np.ndarray:
    """The samples as BS.1770 hears them (a high shelf, then a high pass), float32."""
    weighted = sosfilt(_k_filter(rate), np.asarray(samples, dtype=np.float32))
    return weighted.astype(np.float32, copy=False)


@functools.cache
def _k_filter(rate: int) -> np.ndarray:
    stages = (
        IIRfilter(4.0, 1 / math.sqrt(2), 1500.0, rate, "high_shelf"),  # as pyloudnorm's Meter
        IIRfilter(0.0, 0.5, 38.0, rate, "high_pass"),
    )
    return np.array([[*(f.b / f.a[0]), *(f.a / f.a[0])] for f in stages])


def step_powers(weighted: np.ndarray, rate: int) -> np.ndarray:
    """The summed square of each 100 ms of K-weighted samples (the last step zero-padded)."""
    step = rate // 10
    count = -(-len(weighted) // step)
    padded = np.zeros(count * step, dtype=np.float32)
    padded[: len(weighted)] = weighted
    steps = padded.reshape(count, step)
    return np.einsum("ij,ij->i", steps, steps, dtype=np.float64)


def gated_loudness(powers: np.ndarray, rate: int) -> float:
    """Gated loudness from step_powers: 400 ms blocks overlapping by 75%, two gates."""
    if len(powers) < 4:
        return -math.inf
    blocks = (powers[:-3] + powers[1:-2] + powers[2:-1] + powers[3:]) / (4 * (rate // 10))
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(blocks)
    kept = levels >= ABSOLUTE_GATE
    if not kept.any():
        return -math.inf
    relative = -0.691 + 10 * math.log10(blocks[kept].mean()) + RELATIVE_GATE
    kept &= levels > relative
    return -0.691 + 10 * math.log10(blocks[kept].mean())


def true_peak(samples: np.ndarray) -> float:
    """The true peak in dBTP, from 4x oversampling (ITU-R BS.1770 annex 2)."""
    samples = np.asarray(samples, dtype=np.float32)
    bounds = _bounds(samples, BLOCK)
    peak = 0.0
    for block in np.argsort(bounds)[::-1]:  # the loudest first, until none can be louder
        if bounds[block] <= peak:
            break
        a, b = int(block) * BLOCK, min(len(samples), (int(block) + 1) * BLOCK)
        peak = max(peak, float(_peaks(samples, a, b).max()))
    return 20 * math.log10(peak) if peak > 0 else -math.inf


def normalise(
    sound: np.ndarray, lengths: Sequence[int], rate: int, target: float = TARGET_LUFS
) -> np.ndarray:
    """The recording, float32 and changed in place: its chapters (`lengths` samples each)
    levelled alike, then the whole levelled to `target` with its true peaks limited."""
    sound = np.asarray(sound, dtype=np.float32)
    weighted = np.empty_like(sound)  # K-weighted: measured once, then scaled
    start = 0
    for length in lengths:
        part = slice(start, start + length)
        weighted[part] = k_weighted(sound[part], rate)
        level = gated_loudness(step_powers(weighted[part], rate), rate)
        if math.isfinite(level):
            gain = np.float32(10 ** ((target - level) / 20))
            sound[part] *= gain
            weighted[part] *= gain
        start += length
    limiter = _Limiter(sound, rate)
    # Limiting eats part of any gain: level by the secant method (a round or two is enough).
    gain = previous = level = 0.0
    slope = 1.0  # dB of loudness per dB of gain; below 1 once the limiter works
    for _ in range(ROUNDS):
        found = gated_loudness(limiter.powers(weighted, 10 ** (gain / 20)), rate)
        if not math.isfinite(found) or abs(found - target) < LEVEL_TOLERANCE:
            break
        if gain:
            slope = max(0.2, (found - level) / (gain - previous))
        previous, level = gain, found
        gain += (target - found) / slope
    else:
        gain = previous  # the last gain measured
    del weighted
    near = limiter.apply(10 ** (gain / 20))
    # A last guard where the limited sound comes near the ceiling: the gain's slope can add a
    # little. Elsewhere the limited peaks are the measured ones scaled, well under it.
    peak = max((float(_peaks(sound, a, b).max()) for a, b in near), default=0.0)
    over = 20 * math.log10(peak) - CEILING_DBTP if peak > 0 else 0.0
    if over > 0:
        sound *= np.float32(10 ** (-(over + 0.01) / 20))
    return sound


class _Limiter:
    """A look-ahead limiter for one recording at any scale, worked out 10 s at a time.

    The true peaks are found once per block of 100 ms (a gain scales them alike), and
    only for blocks that may reach the ceiling."""

    def __init__(self, sound: np.ndarray, rate: int) -> None:
        self.sound, self.rate = sound, rate
        self.step = rate // 10
        self.reach = 2 * int(LIMITER_SECONDS * rate) + 1  # the gain filters' width
        self.bounds = _bounds(sound, self.step)
        self.peaks = np.zeros_like(sound)  # true peaks, unscaled, of the blocks found so far
        self.known = np.zeros(len(self.bounds), dtype=bool)

    def powers(self, weighted: np.ndarray, scale: float) -> np.ndarray:
        """step_powers of the limited sound, from the K-weighted sound and the gains.

        The gain changes slowly beside the K-weighting's memory, so weighting then applying
        it is the same as applying it then weighting, to well under 0.1 dB."""
        found = np.empty(-(-len(weighted) // self.step))
        for a, b, gain in self.gains(scale):
            stretch = weighted[a:b] * np.float32(scale)
            if gain is not None:
                stretch *= gain
            found[a // self.step : -(-b // self.step)] = step_powers(stretch, self.rate)
        return found

    def apply(self, scale: float) -> list[tuple[int, int]]:
        """Scale and limit the sound in place; the blocks that come near the ceiling."""
        near = []
        threshold = 10 ** ((CEILING_DBTP - GUARD_DB) / 20)
        self._find(scale)  # every peak needed, before the sound changes
        for a, b, gain in self.gains(scale):
            self.sound[a:b] *= np.float32(scale)
            if gain is None:
                continue
            self.sound[a:b] *= gain
            limited = self.peaks[a:b] * np.float32(scale) * gain
            count = -(-(b - a) // self.step)
            padded = np.zeros(count * self.step, dtype=np.float32)
            padded[: b - a] = limited
            for block in np.flatnonzero(padded.reshape(count, self.step).max(axis=1) > threshold):
                start = a + int(block) * self.step
                near.append((start, min(b, start + self.step)))
        return near

    def gains(self, scale: float) -> Iterator[tuple[int, int, np.ndarray | None]]:
        """(start, end, the limiter's gain there) for each 10 s; None where it is 1."""
        ceiling = np.float32(10 ** (CEILING_DBTP / 20))
        hot = self._find(scale)
        length, chunk = len(self.sound), self.step * CHUNK_STEPS
        for a in range(0, length, chunk):
            b = min(length, a + chunk)
            # The gain at a sample depends on the peaks up to `reach` either side.
            lo, hi = max(0, a - self.reach), min(length, b + self.reach)
            if not hot[lo // self.step : -(-hi // self.step)].any():
                yield a, b, None
                continue
            # Where no peak was found (0), or none reaches the ceiling, the gain needed is 1.
            peaks = np.maximum(self.peaks[lo:hi] * np.float32(scale), np.float32(1e-12))
            needed = np.minimum(np.float32(1.0), ceiling / peaks)
            # A minimum then a mean over the same width never exceeds `needed` at any sample.
            smooth = minimum_filter1d(needed, self.reach, mode="nearest")
            yield a, b, uniform_filter1d(smooth, self.reach, mode="nearest")[a - lo : b - lo]

    def _find(self, scale: float) -> np.ndarray:
        """Which blocks a scaled true peak may take past the ceiling, their peaks found."""
        hot = self.bounds > 10 ** (CEILING_DBTP / 20) / scale
        for block in np.flatnonzero(hot & ~self.known):
            a = int(block) * self.step
            b = min(len(self.sound), a + self.step)
            self.peaks[a:b] = _peaks(self.sound, a, b)
        self.known |= hot
        return hot


def _bounds(samples: np.ndarray, size: int) -> np.ndarray:
    """For each block of `size` samples, a magnitude no oversampled value in it exceeds."""
    count = -(-len(samples) // size)
    padded = np.zeros(count * size, dtype=np.float32)
    np.abs(samples, out=padded[: len(samples)])
    block_max = padded.reshape(count, size).max(axis=1)
    # The filter reaches MARGIN samples into the blocks either side.
    before = np.concatenate(([0], block_max[:-1]))
    after = np.concatenate((block_max[1:], [0]))
    return np.maximum(block_max, np.maximum(before, after)) * FILTER_GAIN


def _peaks(samples: np.ndarray, a: int, b: int) -> np.ndarray:
    """The highest 4x-oversampled magnitude at each sample of samples[a:b]."""
    lo, hi = max(0, a - MARGIN), min(len(samples), b + MARGIN)
    oversampled = upfirdn(FILTER, samples[lo:hi], OVERSAMPLING)
    first = (a - lo) * OVERSAMPLING + HALF_TAPS  # the filter delays by HALF_TAPS
    wanted = np.abs(oversampled[first : first + (b - a) * OVERSAMPLING])
    phases = wanted.reshape(b - a, OVERSAMPLING)
    return np.maximum(
        np.maximum(phases[:, 0], phases[:, 1]), np.maximum(phases[:, 2], phases[:, 3])
    )
