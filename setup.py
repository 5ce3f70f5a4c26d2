"""Package list for setuptools: every package under pipeline/, plus pipeline.configs, which the
checkout keeps at the top level (configs/, one folder per stage) and a wheel ships inside the package.
Everything else is declared in pyproject.toml."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["pipeline", "pipeline.*"]), "pipeline.configs"])
