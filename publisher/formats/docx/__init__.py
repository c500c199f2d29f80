"""The Word file: python-docx with built-in styles (styles), the body (body), pictures, links and page set-up."""

from .writer import write

__all__ = ["write"]
