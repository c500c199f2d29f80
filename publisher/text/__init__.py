"""Text in every script: script detection, bidi ordering, HarfBuzz shaping and typefaces."""
