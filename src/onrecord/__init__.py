"""onrecord: who said what, when, about whom — and where the record contradicts itself."""

__version__ = "0.1.0"
