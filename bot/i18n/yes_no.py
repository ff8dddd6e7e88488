"""Yes and no as people text them, in every language the assistant speaks: the one
list every reader of a yes/no answer uses (the eligibility questions, the other
questions the assistant asks, and the SMS channel's "Do you want us to stop texting
you?").

The words are folded (lowercase, no accents or apostrophes: "sí" is "si", "didn't" is
"didnt"); a whole answer must be one of them ("yes and no" is neither). A word said
twice in a row counts once ("si si", "no no").
"""

from __future__ import annotations

from bot.i18n import ENGLISH, SPANISH
from bot.text import drop_apostrophes, fold

_YES = {
    ENGLISH: ("yes", "y", "yeah", "yep", "yup", "sure", "correct", "i did", "i do"),
    SPANISH: (
        "si", "sip", "claro", "si claro", "claro que si", "correcto", "aja", "asi es",
        "exacto", "por supuesto",
    ),
}  # fmt: skip
_NO = {
    ENGLISH: ("no", "n", "nope", "nah", "not yet", "i didnt", "i did not", "i dont", "i do not"),
    SPANISH: ("no", "nop", "para nada", "todavia no", "aun no", "claro que no", "no todavia"),
}
YES = frozenset(word for words in _YES.values() for word in words)
NO = frozenset(word for words in _NO.values() for word in words)


def answer_words(text: str) -> str:
    """``text`` as the lists hold words: folded, a word repeated in a row said once."""
    words = fold(drop_apostrophes(text)).split()
    return " ".join(word for i, word in enumerate(words) if i == 0 or word != words[i - 1])


def parse_yes_no(text: str) -> bool | None:
    """Read a texted yes/no reply: True for yes, False for no, None if it is neither."""
    words = answer_words(text)
    if words in YES:
        return True
    if words in NO:
        return False
    return None


def words_only_in(language: str) -> frozenset[str]:
    """The single words of ``language``'s yes and no that no other language's use
    ("claro", "sip"; not "no"): such a word says which language an answer is in."""
    own = {w for phrase in (*_YES[language], *_NO[language]) for w in phrase.split()}
    others = {
        w
        for table in (_YES, _NO)
        for other, phrases in table.items()
        if other != language
        for phrase in phrases
        for w in phrase.split()
    }
    return frozenset(own - others)
