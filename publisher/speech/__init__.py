"""Speech: the script from the model (script), how words are said (pronounce), the engines
behind one interface (engines/), the cache of spoken sentences (cache, synth) and loudness."""
