"""Stage 3: recover the issue, its table of contents and its documents."""
