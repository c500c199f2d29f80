"""Speech engines behind one small interface (base.Engine), chosen by name (registry).

espeak: offline, the default, installed from PyPI alone. gtts: online, Google's voices.
"""
