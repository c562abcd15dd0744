"""Every write to dossiers and editions, one module per stage of the journey."""
