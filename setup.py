"""Which packages the wheel holds; everything else about the build is in pyproject.toml.

Every package under game/ is found (a folder with __init__.py), so a new subpackage such as
game/engine/verbs/ ships without editing a list. The bundled world is the one package that is
not found there: it lives at the top of the repository (data/) so modders find it first, and
pyproject.toml maps it to `game.data`. pyproject.toml cannot say both on its own, because its
`find` directive takes no extra, mapped package beside what it finds.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["game", "game.*"]), "game.data"])
