"""Translations through gettext PO files, one job per module.

extract (source -> POT), update (POT -> PO, merged with Babel), apply (PO ->
translated Leaflet), qa (checks on each translation), review (second-person
sign-off), status (language x leaflet table). units.py says what is translated.
"""
