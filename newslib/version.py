"""The package's version, in a module of its own: modules that record it (datasets, report
caches, the command line) import it from here, not from the package, which imports them."""

__version__ = "0.1.0"
