// catalogue filters and comparison
