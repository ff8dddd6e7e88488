"""CT Back to Work Assistant: the domain core, importable without Rasa.

Only the modules Rasa itself loads import it: ``bot.nlu`` (config.yml's pipeline) and
``bot.rasa_stores`` (endpoints.yml); tests/test_import_without_rasa.py holds the rest
to that."""
