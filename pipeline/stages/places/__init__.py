"""Places: mentions of provinces, cities and counties, each with its GB/T 2260 division."""
