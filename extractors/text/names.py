"""Person names: normalisation, similarity, and credentials after a name."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from cecintake.errors import ParseError

_HONORIFICS = {
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev", "hon",
}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "jnr", "snr"}
# credentials as printed after a name (compared without dots and case)
CREDENTIALS = {
    "phd", "dphil", "msc", "ms", "ma", "mba", "mph", "mpa", "mfa", "mem", "mes", "mla", "mlis", "med",
    "bs", "bsc", "ba", "bfa", "beng", "meng", "md", "dvm", "edd", "jd", "llm", "dsc", "dr", "pe", "peng",
    "cerp", "cerpit", "cerp-it", "pws", "cwb", "cse", "aicp", "pg", "pmp", "cf", "cpesc", "cpss", "cnrp",
    "leed", "leedap", "ap", "cwb", "cfp", "ccm", "ctp", "rpf", "fsa", "cpa", "cma", "cisec", "qsd", "qsp",
    "pwspit", "cpsc", "cec", "rla", "cpg", "pla", "ase", "wcp", "pmc", "cms", "rn", "cfe", "cppm",
    "frcs", "mrcs", "fgs", "msci", "mres", "mphil", "pgdip", "dipl", "cert", "asla", "fasla",
}


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _key(token: str) -> str:
    return re.sub(r"[.\s]", "", token).lower()


def split_credentials(s: str) -> tuple[str, list[str]]:
    """("Dana Whitfield, PhD, CERP") -> ("Dana Whitfield", ["PhD", "CERP"]); suffixes stay in the name."""
    if not isinstance(s, str):
        raise ParseError(f"expected text, got {type(s).__name__}")
    s = " ".join(s.split())[:300]
    parts = [p.strip() for p in re.split(r",|;", s)]
    name_parts: list[str] = []
    creds: list[str] = []
    for i, part in enumerate(parts):
        if not part:
            continue
        if i == 0:
            tokens = part.split(" ")
            # trailing credentials without a comma: "Dana Whitfield PhD"
            while len(tokens) > 2 and _key(tokens[-1]) in CREDENTIALS:
                creds.insert(0, tokens.pop())
            name_parts.append(" ".join(tokens))
            continue
        sub = part.split(" ")
        upper_name = parts[0].isupper()
        if all(_key(t) in CREDENTIALS or (_is_credential_like(t) and not upper_name) for t in sub):
            creds.extend(sub if all(_key(t) in CREDENTIALS for t in sub) and len(sub) > 1
                         and not _key(part) in CREDENTIALS else [part])
        elif _key(part) in _SUFFIXES:
            name_parts.append(part)
        elif len(name_parts) == 1 and not creds and i == 1 and len(sub) <= 3:
            name_parts.append(part)  # "Whitfield, Dana" ("Last, First") keeps its comma
        else:
            break  # an affiliation or other text follows; stop here
    name = ", ".join(name_parts)
    return name, creds


def _is_credential_like(t: str) -> bool:
    k = re.sub(r"[.\-()]", "", t)
    return 2 <= len(k) <= 6 and k.isupper() and k.isalpha()


def normalise_name(s: str) -> str:
    """Lower-case, accent-free "first middle last" without honorifics, suffixes or credentials."""
    if not isinstance(s, str):
        raise ParseError(f"expected text, got {type(s).__name__}")
    s = _strip_accents(" ".join(s.split())[:300])
    name, _ = split_credentials(s)
    if "," in name:
        head, _, tail = name.partition(",")
        tail_tokens = [t for t in re.split(r"[\s.]+", tail) if t]
        if tail_tokens and not all(_key(t) in _SUFFIXES for t in tail_tokens):
            name = f"{tail} {head}"
        else:
            name = f"{head} {tail}"
    name = name.replace("-", " ").replace("’", "'")
    tokens = [t for t in re.split(r"[\s.,]+", name.lower()) if t]
    tokens = [re.sub(r"[^a-z']", "", t) for t in tokens]
    tokens = [t for t in tokens if t and t not in _HONORIFICS and t not in _SUFFIXES]
    while tokens and tokens[0] in _HONORIFICS:
        tokens.pop(0)
    return " ".join(tokens)


def _tokens_match(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.9 if a[0] == b[0] else 0.0
    r = SequenceMatcher(None, a, b).ratio()
    return r if r >= 0.8 else 0.0


def _middle_score(ma: list[str], mb: list[str]) -> float:
    """Middle tokens (middle names, initials, and the leading parts of compound family
    names such as "smith" of "smith jones" or "de la" of "de la cruz"): an initial that only
    one side prints is no disagreement; full words must agree."""
    if ma == mb:
        return 1.0
    words_a, words_b = [t for t in ma if len(t) > 1], [t for t in mb if len(t) > 1]
    inits_a, inits_b = [t for t in ma if len(t) == 1], [t for t in mb if len(t) == 1]
    if words_a == words_b:
        return 0.6 if inits_a and inits_b and inits_a != inits_b else 0.95
    if [t[0] for t in ma] == [t[0] for t in mb]:
        return 0.95  # "e" against "elena"
    if not words_a or not words_b:
        return 0.95 if not (inits_a and inits_b) else 0.6
    shorter, longer = sorted((words_a, words_b), key=len)
    if _is_subsequence(shorter, longer):
        return 0.9  # one side omits a middle name ("Marcus van der Berg" / "Marcus Anne van der Berg")
    return _tokens_match(words_a[0], words_b[0]) or 0.6


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(t == u for u in it) for t in short)


def name_similarity(a: str, b: str) -> float:
    """0..1: 1.0 for the same name however printed; ~0.9 when only a middle name or
    initial differs; low for different people."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    ta, tb = na.split(), nb.split()
    if na.replace(" ", "") == nb.replace(" ", ""):
        return 0.97  # hyphenation / spacing only
    # last names must agree (compound last names: any of the trailing tokens)
    last = max(_tokens_match(ta[-1], tb[-1]), _tokens_match(ta[-1], "".join(tb[-2:])),
               _tokens_match("".join(ta[-2:]), tb[-1]))
    if last == 0.0 and (ta[-1] in tb[1:] or tb[-1] in ta[1:]):
        last = 0.85  # one of two family names ("Fernandez-Lopez" / "Fernandez")
    if last == 0.0 and len(ta) > 1 and len(tb) > 1:
        # swapped order without a comma ("Whitfield Dana")
        if _tokens_match(ta[0], tb[-1]) and _tokens_match(ta[-1], tb[0]):
            return 0.85
        return round(0.5 * SequenceMatcher(None, na, nb).ratio(), 3)
    first = _tokens_match(ta[0], tb[0]) if len(ta) > 1 and len(tb) > 1 else 0.8
    if first == 0.0:
        return round(min(0.5, 0.4 * last + 0.2 * SequenceMatcher(None, na, nb).ratio()), 3)
    middle = _middle_score(ta[1:-1], tb[1:-1])
    score = last * first * middle
    if len(ta[0]) == 1 or len(tb[0]) == 1:
        score *= 0.95
    return round(min(score, 0.99), 3)


def spelling_differs(read: str, roster: str) -> bool:
    """A word of the name ``read`` is spelt near, but not as, a word of the ``roster`` name ("Lovland" for
    "Løvland", "WEIL" for "Wei", "NOFMIE" for "Noémie"): on OCR text, the mark of a misread letter. Words
    left out ("Kai Mensah" for "Kai J. Mensah"), initials, order, case and accents that strip off are no
    difference; a word like none of the roster's is another matter (another person), not a misspelling."""
    ta, tb = normalise_name(read).split(), normalise_name(roster).split()
    raw_b = [re.sub(r"[\s.,'’\-]", "", t) for t in _strip_accents(roster).lower().split()]
    for t in ta:
        if t in tb or len(t) == 1 and any(u[0] == t for u in tb):
            continue
        if len(t) >= 2 and any(SequenceMatcher(None, t, u).ratio() >= 0.6 for u in tb + raw_b if len(u) >= 2):
            return True
    return False
