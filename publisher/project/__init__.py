"""Starting a project: `publisher new` writes a folder that builds at once."""

from .new import new_project

__all__ = ["new_project"]
