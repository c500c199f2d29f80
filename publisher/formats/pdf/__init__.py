"""The large-print PDF: ReportLab flowables from the model (story), bidi and shaped text (text), pictures."""

from .writer import write

__all__ = ["write"]
