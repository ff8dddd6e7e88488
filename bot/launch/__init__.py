"""How the Rasa server and the action server are started: Rasa's own code, with the
service's protections around it. These modules import Rasa (the rest of ``bot`` does
not, except ``bot.nlu`` and ``bot.rasa_stores``)."""
