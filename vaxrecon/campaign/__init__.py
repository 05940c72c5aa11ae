"""The data-cleaning campaign: dose records matched to people, one timeline each, dose rules."""
