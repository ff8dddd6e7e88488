"""The conversation's logic, independent of Rasa: actions pass in what the person
said and what the conversation remembers, and get back texts and slot updates."""
