"""Package discovery only (metadata lives in pyproject.toml).

The design card puts ``flows/`` and ``extractors/`` at the top of the repository;
they are installed as ``cecintake.flows`` and ``cecintake.extractors`` so that they
import the same way from an editable install and from a wheel.
"""

from setuptools import find_packages, setup

ROOTS = {
    "cecintake": "src/cecintake",
    "cecintake.flows": "flows",
    "cecintake.extractors": "extractors",
}

packages: list[str] = []
package_dir: dict[str, str] = {}
for name, path in ROOTS.items():
    packages.append(name)
    package_dir[name] = path
    for sub in find_packages(path):
        if name == "cecintake" and sub.split(".")[0] in ("flows", "extractors"):
            continue
        packages.append(f"{name}.{sub}")

setup(
    packages=packages,
    package_dir=package_dir,
    package_data={"": ["*.pdf", "*.yaml", "*.ini", "*.mako", "*.html", "*.css", "*.js", "*.json", "templates/*", "static/*"]},
    include_package_data=True,
)
