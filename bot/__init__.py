"""CT Back to Work Assistant: the domain core, importable without Rasa."""
