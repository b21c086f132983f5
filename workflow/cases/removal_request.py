"""The text a seller pastes into Feedback Manager's removal request, in the marketplace's
language, naming each ground and quoting the comment's evidence briefly; and where in Seller
Central the request is filed.

There is no API for the request: the seller files it by hand and then fires
`request_amazon_removal`.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from workflow.cases.guards import REFUSAL_REASONS, has_removal_grounds
from workflow.cases.repository import sellers_case
from workflow.errors import NoRemovalGrounds
from workflow.models import Case
from workflow.outreach.messages import MARKETPLACE_LANGUAGES
from workflow.transactions import read_transaction

# Seller Central per marketplace, and the way to the request (Amazon's help page names).
SELLER_CENTRAL_HOSTS = {
    "US": "sellercentral.amazon.com", "CA": "sellercentral.amazon.ca", "MX": "sellercentral.amazon.com.mx",
    "BR": "sellercentral.amazon.com.br", "UK": "sellercentral.amazon.co.uk", "IE": "sellercentral.amazon.ie",
    "DE": "sellercentral.amazon.de", "FR": "sellercentral.amazon.fr", "IT": "sellercentral.amazon.it",
    "ES": "sellercentral.amazon.es", "NL": "sellercentral.amazon.nl", "BE": "sellercentral.amazon.com.be",
    "SE": "sellercentral.amazon.se", "PL": "sellercentral.amazon.pl", "TR": "sellercentral.amazon.com.tr",
    "AE": "sellercentral.amazon.ae", "SA": "sellercentral.amazon.sa", "EG": "sellercentral.amazon.eg",
    "IN": "sellercentral.amazon.in", "JP": "sellercentral.amazon.co.jp", "AU": "sellercentral.amazon.com.au",
    "SG": "sellercentral.amazon.sg",
}  # fmt: skip
FEEDBACK_MANAGER_PATH = "Performance > Feedback > Feedback Manager > Request removal"
# Evidence quoted per ground, and how much of each quote.
QUOTES_PER_GROUND = 3
QUOTE_LENGTH = 60

_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "intro": "Please remove the seller feedback on order {order_id}.",
        "product_review_only": "The entire comment is a product review ({quotes}); it says nothing about the "
        "delivery, the packaging or our service, and seller feedback is about the seller.",
        "obscene_language": "The comment contains obscene or profane language ({quotes}).",
        "personal_information": "The comment contains personal information ({quotes}).",
        "buy_shipping_on_time": "The comment is entirely about the delivery of an order that was shipped on "
        "time with an Amazon Buy Shipping label.",
        "closing": "Amazon's feedback guidelines remove such feedback. Thank you.",
        "quote": "“{}”",
        "separator": ", ",
    },
    "de": {
        "intro": "Bitte entfernen Sie die Verkäuferbewertung zur Bestellung {order_id}.",
        "product_review_only": "Der gesamte Kommentar ist eine Produktbewertung ({quotes}); er sagt nichts über "
        "die Lieferung, die Verpackung oder unseren Service, und eine Verkäuferbewertung bewertet den Verkäufer.",
        "obscene_language": "Der Kommentar enthält obszöne oder vulgäre Ausdrücke ({quotes}).",
        "personal_information": "Der Kommentar enthält personenbezogene Daten ({quotes}).",
        "buy_shipping_on_time": "Der Kommentar betrifft ausschließlich die Lieferung einer Bestellung, die "
        "pünktlich mit einem Amazon-Versandetikett (Buy Shipping) versandt wurde.",
        "closing": "Nach den Bewertungsrichtlinien von Amazon werden solche Bewertungen entfernt. Vielen Dank.",
        "quote": "„{}“",
        "separator": ", ",
    },
    "fr": {
        "intro": "Merci de supprimer l'évaluation vendeur de la commande {order_id}.",
        "product_review_only": "L'ensemble du commentaire est un avis sur le produit ({quotes}) ; il ne dit rien "
        "de la livraison, de l'emballage ni de notre service, alors qu'une évaluation vendeur porte sur le vendeur.",
        "obscene_language": "Le commentaire contient des propos obscènes ou grossiers ({quotes}).",
        "personal_information": "Le commentaire contient des informations personnelles ({quotes}).",
        "buy_shipping_on_time": "Le commentaire porte uniquement sur la livraison d'une commande expédiée à temps "
        "avec une étiquette Achat de prestations d'expédition (Buy Shipping) d'Amazon.",
        "closing": "Les règles d'Amazon sur les évaluations prévoient la suppression de ce type d'évaluation. Merci.",
        "quote": "« {} »",
        "separator": ", ",
    },
    "es": {
        "intro": "Solicitamos que se elimine la valoración de vendedor del pedido {order_id}.",
        "product_review_only": "Todo el comentario es una opinión sobre el producto ({quotes}); no dice nada de la "
        "entrega, el embalaje ni nuestro servicio, y la valoración de vendedor trata sobre el vendedor.",
        "obscene_language": "El comentario contiene lenguaje obsceno o soez ({quotes}).",
        "personal_information": "El comentario contiene información personal ({quotes}).",
        "buy_shipping_on_time": "El comentario trata solo de la entrega de un pedido enviado a tiempo con una "
        "etiqueta de Comprar envío (Buy Shipping) de Amazon.",
        "closing": "Según las directrices de Amazon sobre valoraciones, este tipo de valoración se elimina. Gracias.",
        "quote": "«{}»",
        "separator": ", ",
    },
    "it": {
        "intro": "Vi chiediamo di rimuovere il feedback venditore dell'ordine {order_id}.",
        "product_review_only": "L'intero commento è una recensione del prodotto ({quotes}); non dice nulla della "
        "consegna, dell'imballaggio o del nostro servizio, mentre il feedback venditore riguarda il venditore.",
        "obscene_language": "Il commento contiene linguaggio osceno o volgare ({quotes}).",
        "personal_information": "Il commento contiene informazioni personali ({quotes}).",
        "buy_shipping_on_time": "Il commento riguarda solo la consegna di un ordine spedito in tempo con "
        "un'etichetta Acquista spedizione (Buy Shipping) di Amazon.",
        "closing": "Le linee guida di Amazon sui feedback prevedono la rimozione di questo tipo di feedback. Grazie.",
        "quote": "«{}»",
        "separator": ", ",
    },
    "ja": {
        "intro": "注文番号 {order_id} の出品者評価の削除をお願いいたします。",
        "product_review_only": "このコメントは全体が商品レビューです（{quotes}）。配送、梱包、当店の対応には"
        "一切触れておらず、出品者評価の対象ではありません。",
        "obscene_language": "このコメントにはわいせつまたは下品な表現が含まれています（{quotes}）。",
        "personal_information": "このコメントには個人情報が含まれています（{quotes}）。",
        "buy_shipping_on_time": "このコメントは、Amazonの配送ラベル購入（Buy Shipping）で期日どおりに出荷された"
        "注文の配送のみに関するものです。",
        "closing": "Amazonの評価ガイドラインに基づき、このような評価は削除の対象となります。よろしくお願いいたします。",
        "quote": "「{}」",
        "separator": "、",
    },
}


class WhereToFile(BaseModel):
    seller_central: str = Field(description="Seller Central of the case's marketplace.")
    path: str = Field(description="Where the request is filed in Seller Central.")


class RemovalRequestText(BaseModel):
    case_id: str
    order_id: str
    marketplace: str | None
    language: str = Field(description="The language of the text: the marketplace's (en, de, fr, es, it, ja).")
    grounds: list[str]
    text: str = Field(description="Paste into the removal request's comment field.")
    where_to_file: WhereToFile
    file_by: datetime = Field(description="The end of the Amazon removal window.")


def removal_request_text(session: Session, seller_id: str, case_id: str) -> RemovalRequestText:
    with read_transaction(session):
        return removal_request_of(sellers_case(session, seller_id, case_id))


def removal_request_of(case: Case) -> RemovalRequestText:
    """The text for a case read already (the case page shows it with the rest of the case)."""
    if not has_removal_grounds(case, None):
        raise NoRemovalGrounds(REFUSAL_REASONS[has_removal_grounds](case, None))
    language = _request_language(case.marketplace)
    host = SELLER_CENTRAL_HOSTS.get(case.marketplace or "US", SELLER_CENTRAL_HOSTS["US"])
    return RemovalRequestText(
        case_id=case.id,
        order_id=case.order_id,
        marketplace=case.marketplace,
        language=language,
        grounds=case.amazon_removal_grounds,
        text=compose(case, language),
        where_to_file=WhereToFile(seller_central=f"https://{host}", path=FEEDBACK_MANAGER_PATH),
        file_by=case.amazon_removal_by,
    )


def _request_language(marketplace: str | None) -> str:
    """The marketplace's language where there is a text in it, else English."""
    language = MARKETPLACE_LANGUAGES.get(marketplace or "")
    return language if language in _TEXTS else "en"


def compose(case: Case, language: str) -> str:
    texts = _TEXTS[language]
    evidence = _evidence(case)
    sentences = [texts["intro"].format(order_id=case.order_id)]
    for ground in case.amazon_removal_grounds:
        quotes = texts["separator"].join(texts["quote"].format(_brief(text)) for text in evidence.get(ground, ()))
        sentence = texts[ground].format(quotes=quotes)
        if not quotes:  # a ground the seller asserted without the triage's evidence
            sentence = sentence.replace(" ()", "").replace(" ({quotes})", "").replace("（）", "")
        sentences.append(sentence)
    sentences.append(texts["closing"])
    return ("" if language == "ja" else " ").join(sentences)


def _evidence(case: Case) -> dict[str, list[str]]:
    """The triage's quotes per ground, without repeats, a few per ground."""
    triage = case.triage or {"grounds": []}
    return {
        ground["code"]: list(dict.fromkeys(span["text"] for span in ground["spans"]))[:QUOTES_PER_GROUND]
        for ground in triage["grounds"]
    }


def _brief(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"
