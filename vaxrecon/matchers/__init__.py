"""Record linkage: blocking, Fellegi–Sunter comparisons and scoring, decisions with reasons."""
