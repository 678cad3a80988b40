"""Optional dependencies, imported when first needed.

The core install is what ``dvextract extract`` needs. Batch over HTML and web archives, the Parquet tables,
pandas, Dask and plots come with extras (``pip install 'dvextract[batch]'``). A module of an extra is imported
through :func:`require`, so that its absence is one clear line naming the extra to install, not a traceback
from deep inside a batch run.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["EXTRAS", "MissingExtra", "require"]

EXTRAS = {
    "trafilatura": "html",
    "lxml_html_clean": "html",
    "lxml": "html",
    "warcio": "warc",
    "pyarrow": "parquet",
    "pandas": "pandas",
    "dask": "dask",
    "distributed": "dask",
    "matplotlib": "plot",
}
"""The extra that installs each optional top-level module."""


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message names the extra that installs it."""


def require(module: str, feature: str) -> ModuleType:
    """Import ``module`` (``"pyarrow.parquet"``) for ``feature`` (what the caller was doing: ``"dvextract batch"``).

    Raises :class:`MissingExtra` with one line such as ``dvextract batch needs pyarrow: pip install
    'dvextract[parquet]'`` when the module's top-level package is absent.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".", 1)[0]
        missing = (exc.name or top).split(".", 1)[0]
        if missing != top and missing not in EXTRAS:
            raise  # the package is there but a dependency of its own is broken: show the real error
        extra = EXTRAS.get(missing) or EXTRAS.get(top)
        hint = f"pip install 'dvextract[{extra}]'" if extra else f"pip install {missing}"
        raise MissingExtra(f"{feature} needs {missing}: {hint}", name=missing) from None
