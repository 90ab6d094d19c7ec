"""cloudfacts: figures and names of French text, normalised and compared."""
