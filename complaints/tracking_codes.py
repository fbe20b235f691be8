"""Tracking codes: 12 random Crockford base-32 characters plus a Luhn mod-32 check character.

60 random bits make codes unguessable; the check character catches every single-character typo
and most swaps, so a mistyped code is refused before any database lookup.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
RANDOM_LENGTH = 12
CODE_LENGTH = RANDOM_LENGTH + 1
_INDEX = {char: i for i, char in enumerate(ALPHABET)}
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def check_character(payload: str) -> str:
    """Luhn mod N over the Crockford alphabet."""
    n = len(ALPHABET)
    total = 0
    factor = 2
    for char in reversed(payload):
        addend = factor * _INDEX[char]
        total += addend // n + addend % n
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


def new_tracking_code() -> str:
    bits = int.from_bytes(secrets.token_bytes(8), "big")  # one system call; 60 of the 64 bits are used
    payload = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(RANDOM_LENGTH))
    return payload + check_character(payload)


def normalize_code(raw: str | None) -> str:
    """What a person typed -> canonical form (upper case, no blanks or dashes, O->0, I/L->1)."""
    if not raw:
        return ""
    return "".join(ch for ch in raw.upper() if ch not in " -_.\t").translate(_CONFUSABLE)


def is_valid_code(code: str) -> bool:
    if len(code) != CODE_LENGTH or any(ch not in _INDEX for ch in code):
        return False
    return check_character(code[:-1]) == code[-1]


def display_code(code: str) -> str:
    """ABCD-EFGH-JKMN-P: easier to read out over the phone."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
