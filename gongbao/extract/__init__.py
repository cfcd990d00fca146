"""Stage 4: the registers hidden in the text (citations, repeals, appointments)."""
