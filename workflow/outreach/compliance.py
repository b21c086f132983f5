"""Amazon's Buyer-Seller Messaging rules, as data, and the check every message passes.

Each rule has patterns that hold in every language and patterns per language (en, de, fr,
es, it, ja). A pattern is either a regular expression that breaks the rule wherever it
appears, or a `Together` pair that breaks it only when both halves appear in one sentence:
"We refunded the shipping cost." reports a resolution and passes, while a refund that is
offered, promised or tied to the feedback is an incentive; "remove" alone is Amazon's own
accepted wording, while "remove" asked for ("kindly", "could you", "we would appreciate")
is pressure. A message that breaks any rule is not sent; an override that produces such a
message is not saved. Matching is case-insensitive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from workflow.policy import ORDER_ID_PATTERN


@dataclass(frozen=True)
class Together:
    """Breaks a rule only when `what` and `with_any` both match within one sentence."""

    what: str
    with_any: str


@dataclass(frozen=True)
class Rule:
    code: str
    description: str
    everywhere: tuple[str, ...] = ()
    by_language: dict[str, tuple[str | Together, ...]] = field(default_factory=dict)


# What a seller may report as the resolution of the complaint once it is given, and must not
# offer or promise in a removal request, nor tie to the feedback.
_RESOLUTION_BENEFIT = {
    "en": r"\brefund|\breimburs|\bcompensat|\bmoney back\b|\bstore credit\b|\bfor free\b"
    r"|\bat no (extra )?(cost|charge)\b|\bfree (of charge|product|item|gift|replacement|sample|shipping|return)",
    "de": r"erstatt|entschädig|kostenlos|\bgratis\b|geld zurück|gutschrift",
    "fr": r"rembours|dédommag|indemni|gratuit",
    "es": r"reembols|compensaci|indemniz|\bgratis\b|gratuit|devolver(le)? (el|su) dinero",
    "it": r"rimbors|risarc|indennizz|\bgratis\b|gratuit",
    "ja": r"返金|補償|無料|全額",
}
# Signs that a benefit is offered or promised rather than reported as done: future or present
# offers and conditions ("if", "once", "as soon as"). Removing or changing the feedback in the
# same sentence ties the benefit to it as well (see _offered_benefit).
_OFFERED_OR_CONDITIONED = {
    "en": r"\bwill\b|'ll\b|\bwould\b|\bshall\b|\bgoing to\b|\boffer|\bcan (give|have|get|receive)|\bhappy to\b"
    r"|\byou (get|receive)\b|\bif you\b|\bonce\b|\bas soon as\b|\bafter you\b|\bprovided\b|\bwhen you\b",
    "de": r"\bwerden\b|\bwird\b|\bwürden\b|\bbiete|\bangebot|\berhalten sie\b|\bsie erhalten\b|\bbekommen sie\b"
    r"|\bsie bekommen\b|\bwir erstatten\b|\bwenn sie\b|\bsobald\b|\bfalls sie\b|\bnachdem sie\b",
    "fr": r"\boffr|\bpropos|\brecevrez\b|\bobtiendrez\b|\bremboursons\b|rerons\b|\bpourr(ons|iez)\b"
    r"|\bsi vous\b|\bs'il\b|\bdès que\b|\bune fois\b|\baprès que\b|\bà condition\b",
    "es": r"\bofrec|\bpropon|\brecibirá\b|\bobtendrá\b|\breembolsamos\b|aremos\b|eremos\b|\bpodemos\b"
    r"|\bsi (usted )?\w+a\b|\buna vez que\b|\ben cuanto\b|\bcuando\b",
    "it": r"\boffr|\bpropon|\bricever[àa]\b|\botterr[àa]\b|\brimborsiamo\b|eremo\b|iremo\b|\bpossiamo\b"
    r"|\bse (lei )?\w+[ae]\b|\buna volta che\b|\bnon appena\b|\bquando\b",
    "ja": r"(いた)?します(?!た)|させていただきます|差し上げ|ご用意|お約束|場合|たら|れば|際に?は",
}
# Asking for something, however politely.
_REQUEST = {
    "en": r"\bplease\b|\bkindly\b|\b(could|would|can|will) you\b|\bwould you (mind|consider|be so kind)"
    r"|\bwe( would|'d) (appreciate|be grateful|like you to|ask)|\b(we|i) (kindly )?(ask|request|urge|beg)\b"
    r"|\b(we|i) hope you (will|would|could)\b|\bappreciate it if\b|\bgrateful if\b"
    r"|\byou (must|have to|need to|should|ought to)\b|\bit would (mean|help)",
    "de": r"\bbitte\b|\bbitten\b|\b(würden|könnten|möchten) sie\b|\bwären (ihnen )?dankbar|\bdankbar, wenn"
    r"|\bfreuen( uns| würden)?, wenn|\bmüssen sie\b|\bsie müssen\b|\bsollten sie\b|\bersuchen\b",
    "fr": r"\bveuillez\b|\bmerci de\b|\bpourriez[- ]vous\b|\bpouvez[- ]vous\b|\bvoudriez[- ]vous\b"
    r"|\bnous vous (prions|demandons|saurions gré|serions reconnaissants)|\bje vous (prie|demande)"
    r"|\bavoir l'amabilité|\bauriez[- ]vous\b|\bs'il vous pla[iî]t\b|\bvous devez\b|\bil faut que vous\b"
    r"|\bnous (aimerions|souhaiterions) que vous",
    "es": r"\bpor favor\b|\ble (rogamos|pedimos|solicitamos|agradecer[ií]amos)|\bpodr[ií]a(s)? usted\b"
    r"|¿\s*(podr[ií]a|puede|ser[ií]a)|\bser[ií]a tan amable|\btenga la amabilidad|\bdebe\b|\btiene que\b"
    r"|\bnos gustar[ií]a que",
    "it": r"\bper favore\b|\bper cortesia\b|\bgentilmente\b|\bcortesemente\b|\bla preghiamo\b"
    r"|\ble (chiediamo|saremmo grat)|\bpotrebbe\b|\bvorrebbe\b|\bsarebbe così gentile|\bdeve\b"
    r"|\bci farebbe piacere se|\bpuò\b[^.?!]*\?",
    "ja": r"ください|下さい|お願い|いただけ(ます|ません|ない)|頂け(ます|ません|ない)|いただきたく|頂きたく"
    r"|いただければ|頂ければ|(いただけ|頂け)ると幸い|ほしい|欲しい|願います|してもらえ",
}
# Taking the feedback down or changing it.
_REMOVE_OR_CHANGE = {
    "en": r"\b(remove|delete|take down|withdraw|retract|change|update|revise|edit|amend|reconsider|raise)\w*",
    "de": r"entfern|lösch|zurückzu?(ziehen|nehmen)|\bänder|veränder|aktualisier|überarbeit|anpass|korrigier",
    "fr": r"supprim|retir|modifi|mett\w* à jour|mise à jour|chang|effac|enlev|revoir|réviser",
    "es": r"elimin|borr|retir|cambi|modific|actualiz|quit|reconsider",
    "it": r"rimuov|elimin|cancell|ritir|modific|aggiorn|cambi|rivedere",
    "ja": r"削除|取り消|取消|消して|変更|修正|更新|撤回|見直",
}


def _pressure(language: str) -> tuple[Together, ...]:
    return (Together(_REQUEST[language], _REMOVE_OR_CHANGE[language]),)


def _offered_benefit(language: str) -> Together:
    return Together(
        _RESOLUTION_BENEFIT[language], _OFFERED_OR_CONDITIONED[language] + "|" + _REMOVE_OR_CHANGE[language]
    )


RULES: tuple[Rule, ...] = (
    Rule(
        code="incentive",
        description="offers or promises something (refund, discount, coupon, gift, free product) or ties it "
        "to the feedback; a refund or replacement already given may only be reported as done",
        by_language={
            "en": (
                r"\bdiscount",
                r"\bcoupon",
                r"\bvoucher",
                r"\bgift\b",
                r"\bgift card",
                r"\bpromo(tion(al)?)? code",
                r"\bcash ?back",
                r"\bin exchange\b",
                r"\bin return for\b",
                r"\breward",
                _offered_benefit("en"),
            ),
            "de": (
                r"\brabatt",
                r"gutschein",
                r"geschenk",
                r"im gegenzug",
                r"als dankeschön",
                r"\bprämie",
                _offered_benefit("de"),
            ),
            "fr": (
                r"réduction",
                r"\bremise\b",
                r"\bcoupon",
                r"bon d'achat",
                r"cadeau",
                r"en échange",
                r"en contrepartie",
                _offered_benefit("fr"),
            ),
            "es": (r"descuento", r"cupón", r"\bvale\b", r"regalo", r"a cambio", r"bonificaci", _offered_benefit("es")),
            "it": (r"\bsconto", r"\bcoupon", r"\bbuono\b", r"regalo", r"omaggio", r"in cambio", _offered_benefit("it")),
            "ja": (r"割引", r"クーポン", r"ギフト", r"見返り", r"謝礼", r"ポイント", r"商品券", _offered_benefit("ja")),
        },
    ),
    Rule(
        code="pressure",
        description="asks, however politely, or pressures the buyer to remove or change the feedback; "
        "say only that it is possible",
        by_language={
            "en": (
                *_pressure("en"),
                r"\bremove (it|the feedback|your feedback) (now|immediately|today)",
                Together(r"^\W*(remove|delete|take down|withdraw|change|update)\b", r"feedback|rating|review"),
            ),
            "de": _pressure("de"),
            "fr": _pressure("fr"),
            "es": _pressure("es"),
            "it": _pressure("it"),
            "ja": (*_pressure("ja"), r"削除をお願い"),
        },
    ),
    Rule(
        code="link",
        description="contains a link or web address",
        everywhere=(
            r"https?://",
            r"\bwww\.",
            r"\b[\w-]+\.(com|net|org|info|biz|io|co|de|fr|es|it|jp|uk|shop|store|ly)\b",
        ),
    ),
    Rule(
        code="email_address",
        description="contains an email address",
        everywhere=(r"[\w.+-]+@[\w-]+(\.[\w-]+)+",),
    ),
    Rule(
        code="phone_number",
        description="contains a phone number",
        everywhere=(r"(?<!\d)\+?\d[\d \t()./-]{6,}\d(?!\d)",),
    ),
    Rule(
        code="emoji",
        description="contains emoji",
        everywhere=("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]",),
    ),
    Rule(
        code="opt_out_link",
        description="offers an unsubscribe or opt-out",
        by_language={
            "en": (r"unsubscribe", r"\bopt[ -]?out\b"),
            "de": (r"abmelden", r"abbestellen"),
            "fr": (r"désabonn", r"désinscri"),
            "es": (r"darse de baja", r"cancelar (la|su) suscripción"),
            "it": (r"disiscriv", r"annulla(re)? l'iscrizione"),
            "ja": (r"配信停止", r"購読解除"),
        },
    ),
    Rule(
        code="marketing",
        description="contains marketing (offers, newsletters, other products)",
        by_language={
            "en": (
                r"\bnewsletter",
                r"\bshop now\b",
                r"\d+ ?% off\b",
                r"\bspecial offer",
                r"\bnew arrivals?\b",
                r"\bfollow us\b",
                r"\bcheck out our\b",
                r"\bsale\b",
            ),
            "de": (r"newsletter", r"sonderangebot", r"jetzt kaufen", r"folgen sie uns", r"\bangebot"),
            "fr": (r"newsletter", r"offre spéciale", r"\bpromotion", r"suivez-nous", r"\bsoldes\b"),
            "es": (r"boletín", r"oferta especial", r"\bpromoción", r"síguenos", r"\brebajas\b"),
            "it": (r"newsletter", r"offerta speciale", r"\bpromozion", r"seguici", r"\bsaldi\b"),
            "ja": (r"セール", r"キャンペーン", r"メルマガ", r"新商品"),
        },
    ),
)

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "ja")
_ORDER_ID = re.compile(ORDER_ID_PATTERN.strip("^$"))
# Sentences end at . ! ? before a space (not in 2.5 or www.example), at Japanese stops, at line breaks.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？\n]")


@dataclass(frozen=True)
class Violation:
    rule: str
    description: str
    found: str

    def __str__(self) -> str:
        return f"{self.description}: {self.found!r}"


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    what: re.Pattern
    with_any: re.Pattern | None


@cache
def _patterns(language: str) -> tuple[_Compiled, ...]:
    def compiled(pattern: str) -> re.Pattern:
        return re.compile(pattern, re.IGNORECASE)

    return tuple(
        _Compiled(rule, compiled(p.what), compiled(p.with_any))
        if isinstance(p, Together)
        else _Compiled(rule, compiled(p), None)
        for rule in RULES
        for p in (*rule.everywhere, *rule.by_language.get(language, ()))
    )


def _found(pattern: _Compiled, text: str, sentences: list[str]) -> str | None:
    if pattern.with_any is None:
        match = pattern.what.search(text)
        return match.group(0) if match else None
    for sentence in sentences:
        if pattern.what.search(sentence) and pattern.with_any.search(sentence):
            return sentence.strip()
    return None


def violations(text: str, language: str) -> list[Violation]:
    """Every rule the text breaks (first match per rule: the words, or the whole sentence for a
    `Together` pair). Order ids are allowed: Amazon asks for them, and they would otherwise read
    as phone numbers."""
    return list(_violations_of(_ORDER_ID.sub(" ", text), language))


# The answer depends on the text (order ids taken out) and the language alone, so a text seen
# before is answered from memory: a seller's removal requests for one kind of feedback, from
# one day and saying the same action, differ only in their order ids, and checking a message
# against every rule costs about as much as rendering it.
@lru_cache(maxsize=1024)
def _violations_of(text: str, language: str) -> tuple[Violation, ...]:
    sentences = _SENTENCE_END.split(text)
    found: dict[str, Violation] = {}
    for pattern in _patterns(language):
        if pattern.rule.code not in found and (words := _found(pattern, text, sentences)):
            found[pattern.rule.code] = Violation(pattern.rule.code, pattern.rule.description, words)
    return tuple(found.values())
