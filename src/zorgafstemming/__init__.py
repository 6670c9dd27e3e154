"""zorgafstemming: privacy-first care coordination for a Huis van het Kind network."""

__version__ = "0.1.0"
