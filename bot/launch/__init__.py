"""How the Rasa server and the action server are started: Rasa's own code, with the
service's protections around it. They import Rasa (or rasa-sdk) only once started,
so importing them stays as light as the rest of ``bot``."""
