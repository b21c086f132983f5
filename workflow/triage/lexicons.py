"""Per-language words for the feedback types of the policy table, praise, and negation.

Each type has a list of regular expressions. In languages written with spaces a match must
start and end at a word edge (a pattern that ends in `\\w*` takes the rest of the word);
Japanese patterns are substrings. Patterns name what the buyer complains about: a positive
mention ("fast delivery", "well packed") is praise, not a type.
"""

from __future__ import annotations

# Buyer words for a complaint, per language and policy type code.
TYPE_PATTERNS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "poor_customer_service": (
            (
                r"(?:won't|wouldn't|refuse[sd]? to) (?:refund|replace|exchange|take it back|accept (?:the|"
                r"my) return)"
            ),
            r"(?:impossible|no way) to (?:contact|reach|return)",
            r"rude",
            r"unhelpful",
            r"unprofessional",
            r"(?:doesn't|don't|didn't|couldn't) care",
            r"copy.?paste",
            r"same (?:reply|response|answer|message)",
            r"zero (?:replies|reply|responses|response|help)",
            r"(?:refund|replacement) (?:was |had been )?promised",
            r"promised (?:me )?(?:a |my )?(?:refund|replacement)",
            r"(?:straight|goes) to voicemail",
            r"(?:email|address|emails) bounce\w*",
            r"still no (?:refund|reply|response|answer)",
            (
                r"(?:customer )?service (?:is |was |has been )?(?:poor|bad|terrible|awful|horrible|rude|useless|"
                r"appalling|non-?existent|the worst|shocking|atrocious|disgraceful|unhelpful|lousy|pathetic)"
            ),
            (
                r"(?:no|poor|bad|terrible|awful|zero|horrible|rude|lousy|nonexistent) (?:customer )?(?:service|"
                r"support|communication|after-?sales)"
            ),
            (
                r"(?:rude|unhelpful|unprofessional|useless|incompetent|arrogant) (?:staff|seller|service|support|"
                r"agent|person|people|reply|response|employees?)"
            ),
            (
                r"(?:staff|seller|agents?|they|support|people) (?:are|were|was|is) (?:rude|useless|unhelpful|"
                r"unprofessional|incompetent)"
            ),
            r"(?:ignored|ignores|ignoring) (?:my|all|our|every) \w+",
            r"ignored",
            (
                r"(?:never|didn't|did not|don't|do not|won't|will not|wouldn't|refused to|doesn't|"
                r"does not) (?:respond|reply|answer|help|get back|responded|replied|answered|bother)\w*"
            ),
            r"no (?:response|reply|answer|replies|help|contact)\w*",
            r"unresponsive",
            r"no one (?:replied|answered|responded)",
            (
                r"(?:refused|refuses|declined|rejected|denied) (?:a |my |the |to )?(?:refund|return|exchange|"
                r"replace|replacement|accept)\w*"
            ),
            r"(?:return|refund|exchange) (?:request )?(?:was |got )?(?:refused|rejected|denied|ignored)",
            r"(?:hung up|hangs up)",
            r"impossible to (?:contact|reach)",
            r"(?:can't|cannot|couldn't|could not) (?:contact|reach) (?:the )?(?:seller|anyone|them)",
        ),
        "late_delivery": (
            r"(?:hasn't|has not|never|didn't|did not) (?:even )?(?:been )?(?:shipped|dispatched|sent)",
            r"still (?:hasn't|has not|haven't|have not) (?:arrived|come|turned up|shown up)",
            r"(?:very |really |extremely |so |too |days |weeks |a week |two weeks |\d+ days )?late",
            r"(?:marked|shows?|showing|says|listed) (?:as )?delivered",
            r"tracking (?:hasn't|has not|not|never) (?:moved|updated|changed)",
            r"never rec(?:ie|ei)ved",
            r"where(?: the [\w*]+)? is my (?:order|package|parcel|item|stuff)",
            r"(?:\d+|two|three|four|five|six) weeks (?:and|later|now|of waiting|waiting)",
            r"took (?:\d+|two|three|four|five|six) (?:weeks|days)",
            r"delayed",
            r"delays?",
            r"still (?:waiting|not (?:here|arrived|received|delivered))",
            (
                r"never (?:arrived|came|received|got|showed up|turned up|delivered|shipped|sent|dispatched|"
                r"got it)"
            ),
            r"(?:not|never) (?:yet )?(?:been )?(?:arrived|received|delivered|shipped|dispatched)",
            (
                r"(?:didn't|did not|hasn't|has not|haven't|have not|hadn't|had not|still haven't|still have not|"
                r"still hasn't|never) (?:yet )?(?:arrive|arrived|receive|received|get|got|come|been delivered|"
                r"been received|shown up|turned up|shipped)"
            ),
            r"(?:order|item|package|parcel) (?:was )?(?:not|never) (?:received|delivered)",
            r"took (?:forever|ages|so long|too long|over a month|a month|weeks|\w+ weeks)",
            r"slow (?:delivery|shipping|dispatch|postage|post)",
            r"(?:delivery|shipping|dispatch) (?:was |is )?(?:very |so |too |really )?slow",
            r"lost in (?:the )?(?:post|mail|transit)",
            r"(?:package|parcel|order) (?:was |got )?lost",
            r"where is my (?:order|package|parcel|item)",
            r"later than (?:promised|expected|estimated|stated|quoted)",
            r"past the (?:delivery|estimated|expected) date",
            r"missed the (?:delivery )?(?:date|deadline)",
            (
                r"(?:waited|waiting) (?:for )?(?:over |more than )?(?:\d+|two|three|four|five|six|"
                r"several) (?:weeks|days)"
            ),
        ),
        "missing_contents": (
            r"(?:was|were|is|are) not (?:in|inside) the (?:box|package|parcel)",
            r"not included",
            r"no (?:instructions|manual|charger|cable|remote|batteries|screws)",
            r"(?:was|were|is|are) missing",
            r"missing (?!refund|money|payment|package|parcel|order|delivery|response|reply)\w+",
            r"(?:parts?|pieces?|items?|screws?|bits|accessories) (?:were |was |are |is )?missing",
            r"(?:box|package|parcel|envelope) (?:was |arrived )?empty",
            r"empty (?:box|package|parcel|envelope)",
            r"only (?:received|got|came with|contained|had) (?:one|two|three|half|part|\d+)",
            r"incomplete",
            r"not all (?:the )?(?:items|parts|pieces|contents)",
            r"(?:didn't|did not) (?:include|contain|come with)",
            r"(?:came|arrived) without (?:the |any )?\w+",
            r"only \d+ (?:inside|in the box|included)",
        ),
        "wrong_item": (
            (
                r"(?:sent|received|got)(?: me)? (?:a |an |the )[\w ]{1,30}? (?:when|but|though|while|"
                r"whereas) I (?:had )?ordered"
            ),
            r"not the (?:one|item|model|size|colou?r) I (?:had )?ordered",
            (
                r"wrong (?:item|size|colou?r|model|product|one|version|quantity|part|thing|book|article|style|"
                r"type|size|order|shoes?|edition)s?"
            ),
            (
                r"(?:received|got|sent|sent me|delivered|shipped) (?:a |an |the )?(?:completely |totally |"
                r"entirely )?(?:different|another|other) (?:item|product|model|colou?r|size|one|thing|version|"
                r"brand|book)"
            ),
            (
                r"(?:not|isn't|is not|wasn't|was not) (?:what|the item|the one|the product|the model|the colou?r|"
                r"the size) (?:that )?I (?:had )?ordered"
            ),
            r"not what I ordered",
            r"instead of (?:the |what |my |a |an )",
            r"incorrect (?:item|size|colou?r|model|quantity|product|order|part)s?",
            (
                r"ordered (?:a |an |the )?[\w -]{1,40}?,? (?:but |and )?(?:got|received|was sent|"
                r"they sent)(?: me)? (?:a |an |the )"
            ),
        ),
        "poor_packaging": (
            r"(?:flimsy|thin|cheap|paper|plastic|padded) (?:envelope|bag|mailer)",
            (
                r"(?:badly|poorly|cheaply|carelessly|terribly|loosely|inadequately|barely|shoddily) (?:packed|"
                r"packaged|wrapped|boxed|protected)"
            ),
            (
                r"(?:poor|bad|terrible|awful|cheap|inadequate|flimsy|minimal|insufficient|shoddy|lousy|"
                r"no) packag\w*"
            ),
            (
                r"packag(?:ing|e) (?:was |is )?(?:poor|bad|terrible|awful|torn|crushed|ripped|inadequate|"
                r"insufficient|flimsy|soaked|damaged|destroyed)"
            ),
            r"no (?:bubble wrap|padding|protection|protective \w+|packing material|box)",
            r"without (?:any )?(?:padding|protection|bubble wrap|packaging)",
            (
                r"(?:thrown|tossed|shoved|stuffed|just put|jammed) in(?:to)? (?:a |an )?(?:\w+ )?(?:bag|envelope|"
                r"box|mailer)"
            ),
            (
                r"(?:box|package|parcel|envelope) (?:was |arrived |came )?(?:crushed|torn|ripped|smashed|soaked|"
                r"wet|dented|battered|destroyed|open|opened)"
            ),
            r"(?:crushed|torn|ripped|soaked|battered) (?:box|package|parcel|envelope)",
            r"(?:not|n't) (?:packed|packaged|wrapped) (?:properly|well|securely|carefully)",
            r"packed with no \w+",
            r"unprotected",
        ),
        "damaged_item": (
            r"damaged",
            r"damage",
            r"broken",
            r"broke in (?:transit|the post|shipping)",
            r"cracked",
            r"smashed",
            r"shattered",
            r"dented",
            r"scratched",
            r"scratches",
            r"chipped",
            r"bent",
            r"torn",
            r"defective",
            r"faulty",
            r"dead on arrival",
            r"DOA",
            r"arrived (?:dead|open|used|in pieces|leaking)",
            (
                r"(?:doesn't|does not|didn't|did not|won't|will not|wouldn't|would not) (?:work|turn on|power on|"
                r"switch on|charge|start)"
            ),
            r"not working",
            r"doesn't function",
            r"expired",
            r"out of date",
            r"past (?:its|the) (?:expiry|expiration|best before|use by)",
            r"seal (?:was |is )?(?:broken|open|opened)",
            r"(?:already|previously|clearly) (?:been )?(?:opened|used)",
            r"used (?:item|product)",
            r"second.?hand",
            r"recalled",
            r"stained",
            r"dirty",
        ),
        "inaccurate_description": (
            (
                r"(?:description|listing|page|title|ad|advert|picture|photo) (?:says|said|stated|states|claims|"
                r"claimed|shows|showed)"
            ),
            (
                r"not as (?:described|pictured|advertised|shown|listed|stated|in the (?:picture|photo|"
                r"description|listing|pictures|photos))"
            ),
            (
                r"(?:description|listing|picture|photo|pictures|photos|title|advert|ad|specs) (?:is |was |are |"
                r"were )?(?:wrong|misleading|inaccurate|incorrect|false|lies|lied|deceptive|a lie)"
            ),
            (
                r"(?:doesn't|does not|didn't|did not|don't|do not) (?:match|look like) (?:the )?(?:description|"
                r"picture|photo|listing|pictures|photos|title|ad)"
            ),
            r"misleading",
            r"false advertising",
            r"looks nothing like (?:the )?(?:picture|photo|image)",
            r"(?:description|listing|page|title|ad|advert) says",
            r"(?:advertised|described|marketed|sold) as",
            r"misrepresented",
            r"not the (?:size|colou?r|material) (?:advertised|described|stated|listed)",
        ),
        "cancelled_order_received": (
            r"cancell?ed\b.{0,90}?\b(?:but|still|yet|anyway|regardless)\b",
            (
                r"(?:after|despite|even though|although) (?:I |we )?(?:had )?(?:cancell?ing|cancell?ed|"
                r"the cancell?ation|my cancell?ation|cancell?ation)"
            ),
            r"cancell?ed (?:order|item) (?:still )?(?:arrived|came|was delivered|was sent|shipped|charged)",
        ),
        "product_review": (
            r"runs? (?:really |very |way |a bit |too )?(?:small|large|big|narrow)",
            r"seams? (?:split|ripped|came apart)\w*",
            r"(?:came|coming) apart",
            r"(?:poor|bad|terrible) fit",
            (
                r"(?:poor|bad|low|cheap|terrible|awful|horrible|lousy|shoddy|inferior|crap|crappy|rubbish|"
                r"mediocre) (?:build |print |sound |picture )?(?:quality|build|materials?|workmanship|"
                r"construction|design|fit|sound|product|item|plastic|fabric|stitching)"
            ),
            (
                r"quality (?:is |was )?(?:poor|bad|low|terrible|awful|horrible|cheap|lousy|rubbish|shocking|"
                r"disappointing|not good)"
            ),
            r"cheap(?:ly)? made",
            r"(?:badly|poorly) (?:made|built|designed|constructed|stitched|finished)",
            r"(?:feels|looks|felt|looked) cheap",
            r"flimsy",
            r"cheap",
            r"(?:sizes?|way|runs?) (?:too )?(?:small|big|large)",
            r"runs (?:small|large|big)",
            r"pill(?:s|ing|ed)",
            r"fogs? up",
            r"snapped(?: off)?",
            r"(?:gets|got|runs|getting) (?:very |too |really |so )?hot",
            r"barely (?:works|lights|holds|charges|cuts|fits)",
            r"(?:stopped|stops) (?:charging|holding)",
            r"fell apart",
            r"falls apart",
            r"falling apart",
            r"(?:broke|broken|ripped|tore|snapped|cracked|died|failed) (?:after|within) \w+",
            r"(?:stopped|quit|stops) working",
            (
                r"(?:doesn't|does not|didn't|did not|won't) (?:last|fit|hold|stay|stick|seal|cut|clean|"
                r"fit properly|work properly|work well)"
            ),
            r"uncomfortable",
            (
                r"too (?:small|big|large|short|long|tight|loose|thin|thick|heavy|light|loud|quiet|bright|dim|"
                r"hard|soft|weak|noisy|narrow|wide|flimsy|sweet|salty|bitter)"
            ),
            (
                r"(?:smaller|bigger|larger|thinner|shorter|weaker|heavier) than (?:I )?(?:expected|thought|"
                r"it looks|pictured)"
            ),
            r"(?:not|isn't|wasn't|is not|was not) worth (?:the|it|the money|the price)",
            r"waste of (?:money|time)",
            r"overpriced",
            r"tinny",
            r"sounds? (?:bad|terrible|awful|tinny|muffled|distorted)",
            r"battery (?:life )?(?:is |was )?(?:poor|bad|terrible|short|weak|useless)",
            r"battery (?:dies|drains|lasts)",
            r"leaks?",
            r"leaking",
            r"hurts?",
            r"rust\w*",
            r"smells?",
            r"stinks?",
            r"junk",
            r"rubbish",
            r"garbage",
            r"(?:crappy|crap) (?:\w+ )?(?:product|item|case|thing|quality)",
            r"piece of (?:junk|crap|shit|garbage|rubbish)",
            r"(?:dull|faded) colou?r",
            r"colou?r (?:is |was )?(?:dull|faded|off)",
            r"tastes? (?:bad|awful|horrible|terrible|disgusting)",
            r"hard to (?:use|assemble|clean|open|read)",
            r"instructions (?:are |were )?(?:unclear|useless|poor|confusing)",
            r"overheats?",
            r"noisy",
            r"wobbly",
            r"peel(?:s|ed|ing)",
            r"useless (?:product|item|thing|gadget)",
            r"(?:doesn't|does not) do what it (?:says|should)",
            r"(?:poor|bad|terrible|awful) (?:product|item|purchase)",
            r"disappointing (?:product|quality|item)",
        ),
        "seeking_response": (
            (
                r"please (?:reply|respond|contact me|call me|get back|answer|refund|help|advise|send|let me know|"
                r"sort|fix|explain)\w*"
            ),
            (
                r"(?:need|want|waiting for|awaiting|expect|would like|still waiting for) (?:an? |my |"
                r"some )?(?:answer|reply|response|refund|explanation|replacement|solution|update)"
            ),
            r"get back to me",
            (
                r"(?:can|could|would|will) (?:you|someone|the seller) (?:please )?(?:contact|reply|respond|help|"
                r"explain|tell|send|refund|call)"
            ),
            r"(?:i )?want my money back",
            r"where is my refund",
        ),
        "scam_warning": (
            r"(?:stay|keep) (?:well )?(?:away|clear)",
            r"(?:not|isn't|wasn't) genuine",
            r"not authentic",
            r"scam\w*",
            r"fraud\w*",
            r"con artists?",
            r"rip.?off",
            r"ripped (?:me )?off",
            r"beware",
            r"buyer beware",
            r"be warned",
            r"(?:avoid|stay away from) (?:this|these|the) (?:seller|shop|store|company|sellers|product|item)",
            r"avoid at all costs",
            r"(?:do not|don't|never) (?:buy|order) (?:from|this|these|here)",
            r"fake",
            r"counterfeit",
            r"knock.?off",
            r"thie(?:f|ves)",
            r"stole",
            r"steal\w*",
            r"cheat\w*",
            r"dishonest",
            r"crooks?",
            r"liars?",
            r"warn(?:ing)? (?:others|everyone|other buyers)",
        ),
    },
    "de": {
        "poor_customer_service": (
            r"(?:Händler|Verkäufer) (?:\w+ ){0,2}(?:reagiert|antwortet|meldet sich) (?:\w+ ){0,3}nicht",
            r"keine (?:einzige )?(?:Antwort|Rückmeldung|Reaktion)",
            r"(?:Rückerstattung|Erstattung|Ersatz|Gutschrift|Geld)(?: \w+){0,4} zugesagt",
            r"geht (?:nie|keiner|niemand) (?:jemand )?ran",
            r"kommt (?:auch )?nichts",
            r"(?:Kundenservice|Kundendienst|Service) gibt es (?:hier )?(?:\w+ )?nicht",
            (
                r"(?:wollte|will|wollten|wollen) (?:\w+ ){0,4}nicht (?:annehmen|zurücknehmen|erstatten|"
                r"umtauschen)"
            ),
            r"Frechheit",
            (
                r"(?:kein|keinen|schlechter|schlechten|miserabler|unfreundlicher|katastrophaler|mieser|null|"
                r"unterirdischer) (?:Kundenservice|Kundendienst|Service|Support|Kontakt)"
            ),
            (
                r"(?:Kundenservice|Kundendienst|Service|Support) (?:ist |war )?(?:\w+ )?(?:schlecht|miserabel|"
                r"katastrophal|unfreundlich|nicht erreichbar|unterirdisch|eine Katastrophe|nicht existent|"
                r"eine Frechheit|mangelhaft|unmöglich)"
            ),
            r"keine (?:Antwort|Rückmeldung|Reaktion|Hilfe)\w*",
            (
                r"(?:antwortet|antworten|reagiert|reagieren|meldet sich|melden sich|hilft|"
                r"helfen)(?: \w+)? (?:nicht|nie|gar nicht)"
            ),
            r"nicht erreichbar",
            r"unfreundlich\w*",
            r"ignorier\w*",
            r"unverschämt\w*",
            r"frech\w*",
            (
                r"(?:Rückgabe|Rücksendung|Erstattung|Rückerstattung|Umtausch|Reklamation|"
                r"Retoure) (?:wurde )?(?:abgelehnt|verweigert|ignoriert)"
            ),
            r"verweiger\w*",
            r"lehnt\w* (?:\w+ )?ab",
            r"abgewimmelt",
        ),
        "late_delivery": (
            r"warte\w* (?:seit|schon|nun|jetzt) (?:\w+ ){0,3}(?:Wochen|Tagen|Monat\w*)",
            r"immer noch nicht da",
            (
                r"(?:nie|nicht|noch nicht|immer noch nicht|bis heute nicht|nie(?:mals)?) (?:\w+ )?(?:angekommen|"
                r"eingetroffen|erhalten|bekommen|geliefert|zugestellt|da|versendet|verschickt)"
            ),
            r"(?:viel |sehr |zu |deutlich |extrem )?spät\w*",
            r"verspät\w*",
            r"Verzögerung\w*",
            r"verzöger\w*",
            r"als (?:zugestellt|geliefert) markiert",
            r"(?:Sendungsverfolgung|Tracking) (?:\w+ ){0,3}(?:seit|nicht)",
            r"ewig gedauert",
            r"(?:\d+|zwei|drei|vier) Wochen (?:gedauert|gewartet|unterwegs)",
            r"(?:lange|ewig|ewigkeiten|Wochen) gedauert",
            r"(?:warte|warten|wartete) (?:immer )?(?:noch|seit|schon)",
            r"Lieferzeit\w* (?:\w+ )?(?:zu lang|überschritten|nicht eingehalten)",
            r"(?:lange|zu lange|ewige) Lieferzeit\w*",
            r"verloren gegangen",
            r"Liefertermin\w* (?:\w+ )?(?:nicht eingehalten|überschritten|verpasst)",
            r"nicht zugestellt",
            r"Lieferung (?:ist )?(?:nie|nicht) ",
            r"Paket (?:ist )?verschwunden",
            r"Wo bleibt",
        ),
        "missing_contents": (
            r"(?:war|waren) nicht (?:im|in der|dabei|enthalten)",
            r"nicht (?:dabei|enthalten|beigelegt)",
            r"fehl(?:t|ten|te|en|end|ende|enden|ender|endes)\b",
            r"unvollständig\w*",
            r"(?:Paket|Karton|Packung|Schachtel) (?:war |kam )?leer",
            r"leere[rsn]? (?:Paket|Karton|Packung|Schachtel)",
            (
                r"nur (?:ein|eine|einen|zwei|drei|\d+|die Hälfte)\b[\w ]{0,20}(?:erhalten|bekommen|geliefert|"
                r"drin|enthalten|dabei)"
            ),
            r"nicht (?:alle|vollständig)",
            r"ohne (?:Zubehör|Kabel|Anleitung|Ladegerät|Schrauben|Fernbedienung|Netzteil|Batterien|Akku)",
        ),
        "wrong_item": (
            (
                r"(?:bestellt|bestellte)\w* (?:\w+ ){0,4}(?:und|aber) (?:\w+ ){0,3}(?:bekommen|erhalten|"
                r"geliefert)"
            ),
            r"falsche (?:Größe|Farbe)",
            (
                r"falsch\w* (?:Artikel|Ware|Produkt|Farbe|Größe|Grösse|Modell|Menge|Teil|Sache|Buch|Lieferung|"
                r"Ausführung|Version|Anzahl|Schuhe?)"
            ),
            r"falsch (?:geliefert|geschickt|verschickt|versendet)",
            (
                r"(?:anderes|anderen|andere|einen anderen|eine andere) (?:Artikel|Produkt|Modell|Farbe|Größe|"
                r"Ware|Teil)"
            ),
            r"nicht (?:das|den|die) (?:bestellte|bestellten|richtige|richtigen)",
            r"nicht (?:das,? )?was ich bestellt",
            r"verwechselt",
            r"bestellt\w*\b.{1,40}?\b(?:bekommen|erhalten|geliefert|geschickt)(?! am)",
        ),
        "poor_packaging": (
            (
                r"(?:schlecht|mangelhaft|unzureichend|lieblos|miserabel|schlampig|billig|kaum|nicht gut|"
                r"unprofessionell)\w* verpackt"
            ),
            (
                r"Verpackung (?:war |ist )?(?:\w+ )?(?:schlecht|mangelhaft|unzureichend|kaputt|beschädigt|"
                r"zerrissen|eingedrückt|nass|offen|katastrophal|miserabel|ungenügend)"
            ),
            r"(?:schlechte|mangelhafte|unzureichende|keine|miserable|billige|lieblose) Verpackung",
            (
                r"ohne (?:jede |jegliche |irgendeine )?(?:Polsterung|Schutz|Luftpolster\w*|Verpackung|"
                r"Füllmaterial)"
            ),
            r"keine (?:Polsterung|Luftpolster\w*|Schutz\w*|Füllmaterial)",
            r"kein (?:Füllmaterial|Polster\w*|Schutz)",
            (
                r"(?:Karton|Paket|Umschlag|Päckchen) (?:war |kam )?(?:\w+ )?(?:eingedrückt|zerrissen|aufgerissen|"
                r"beschädigt|kaputt|nass|zerdrückt|offen|durchweicht)"
            ),
            r"in (?:einer|einem) (?:\w+ )?(?:Tüte|Plastiktüte|Umschlag)",
            r"lose (?:im|in) (?:Karton|Paket)",
        ),
        "damaged_item": (
            r"beschädigt\w*",
            r"kaputt(?! gemacht)\w*",
            r"Sprung",
            r"Sprünge",
            r"Risse?",
            r"zerbrochen\w*",
            r"gebrochen\w*",
            r"zerkratzt\w*",
            r"verkratzt\w*",
            r"Kratzer\w*",
            r"Delle\w*",
            r"gesprungen\w*",
            r"defekt\w*",
            r"funktioniert\w* (?:\w+ )?nicht",
            r"geht nicht",
            r"abgelaufen\w*",
            r"MHD (?:\w+ )?(?:überschritten|abgelaufen)",
            r"(?:bereits|schon) (?:geöffnet|benutzt|gebraucht)\w*",
            r"gebraucht\w*",
            r"Siegel (?:war )?(?:gebrochen|beschädigt|offen)",
            r"zerdrückt\w*",
            r"ausgelaufen\w*",
            r"zu Bruch",
            r"zersplittert\w*",
            r"verschmutzt\w*",
            r"Schaden",
            r"Schäden",
        ),
        "inaccurate_description": (
            (
                r"(?:nicht|anders) (?:wie|als) (?:beschrieben|abgebildet|angegeben|auf dem Bild|im Bild|"
                r"dargestellt|angezeigt|beworben|angeboten)"
            ),
            (
                r"(?:entspricht|entsprach|entsprechen) nicht (?:der|dem|den) (?:Beschreibung|Abbildung|Bild|Foto|"
                r"Angaben|Artikelbeschreibung|Produktbeschreibung|Bildern)"
            ),
            (
                r"(?:Beschreibung|Artikelbeschreibung|Produktbeschreibung|Abbildung|Bild|Foto|Angaben?) (?:ist |"
                r"war |sind |waren )?(?:\w+ )?(?:falsch|irreführend|nicht korrekt|ungenau|stimmt nicht|"
                r"stimmte nicht|gelogen)"
            ),
            r"falsche (?:Angaben|Beschreibung|Produktbeschreibung|Artikelbeschreibung|Abbildung)",
            r"irreführend\w*",
            r"(?:laut|in der) (?:Beschreibung|Artikelbeschreibung)",
            r"angeblich",
            r"in Wirklichkeit",
        ),
        "cancelled_order_received": (
            (
                r"storniert\w*.{0,40}?\b(?:trotzdem|dennoch|aber|trotz|geliefert|verschickt|versandt|angekommen|"
                r"abgebucht|berechnet)"
            ),
            r"trotz (?:der |meiner )?Stornierung",
            r"obwohl (?:ich )?(?:\w+ )?storniert",
            r"Stornierung.{0,30}?\b(?:ignoriert|nicht beachtet|trotzdem)",
        ),
        "product_review": (
            r"(?:löst|lösen|löste|lösten) sich",
            r"Nähte",
            r"(?:zu|sehr|extrem|total|viel zu) dünn\w*",
            r"(?:Stoff|Material) (?:ist |war )?(?:\w+ )?dünn",
            r"minderwertig\w*",
            r"(?:geht|ging) (?:nach|schon nach) (?:\w+ ){0,2}kaputt",
            (
                r"(?:schlechte|miese|billige|minderwertige|mangelhafte|schwache|mäßige|lausige|schlechter|"
                r"billiger|minderwertiger) (?:Qualität|Verarbeitung|Material\w*|Klang|Sound|Akku\w*|Passform|"
                r"Stoff|Plastik|Kunststoff)"
            ),
            (
                r"Qualität (?:ist |war )?(?:\w+ )?(?:schlecht|mies|miserabel|mangelhaft|minderwertig|"
                r"enttäuschend|katastrophal|unterirdisch|billig)"
            ),
            r"Verarbeitung (?:ist |war )?(?:\w+ )?(?:schlecht|mies|billig|mangelhaft|miserabel)",
            r"schlecht verarbeitet",
            r"billig (?:verarbeitet|gemacht|wirkend)",
            r"wirkt (?:\w+ ){0,2}billig",
            r"billig\w* Qualität",
            r"hält (?:keine|nicht|kaum)",
            r"ungeeignet",
            r"kratzt",
            r"auseinander\w*",
            r"klebt",
            r"fällt (?:\w+ ){0,2}(?:klein|groß|gross|eng) aus",
            r"blättert",
            r"tut (?:\w+ ){0,2}weh",
            r"druckt (?:nur|nicht)",
            r"Aufdruck (?:war )?weg",
            r"billige[sn]? \w+",
            r"(?:klingt|klingen) (?:\w+ )?(?:blechern|schlecht|dumpf)",
            r"blechern",
            r"zu (?:klein|groß|gross|eng|weit|kurz|lang|dünn|dick|schwer|laut|leise|hart|weich|schwach|teuer)",
            r"(?:kleiner|größer|dünner|schwächer) als (?:erwartet|gedacht)",
            r"nicht (?:sein|das|ihr) Geld wert",
            r"Geldverschwendung",
            r"Schrott",
            r"Müll",
            r"Ramsch",
            r"Plunder",
            (
                r"nach (?:\w+ ){0,2}(?:Tag|Tagen|Woche|Wochen|Monat|Monaten|Mal|Benutzung\w*|Gebrauch|"
                r"Wäsche\w*) (?:\w+ )?(?:kaputt|defekt|gerissen|gebrochen|nicht mehr|kaputtgegangen)"
            ),
            r"(?:hält|hielt|halten) nicht",
            r"unbequem\w*",
            r"stinkt",
            r"riecht",
            r"Geruch",
            r"enttäuschend\w*",
            r"lässt sich (?:nicht|schwer|kaum)",
            r"rostet",
            r"rostig",
            r"undicht",
            r"leckt",
            r"tropft",
            r"Akku (?:hält|ist) (?:\w+ )?(?:nicht|kaum|schnell|nur)",
            r"passt nicht",
            r"klemmt",
            r"wackel\w*",
            r"fusselt",
            r"verfärbt",
            r"schmeckt (?:\w+ )?(?:nicht|schlecht|komisch)",
            r"taugt nichts",
            r"unbrauchbar\w*",
        ),
        "seeking_response": (
            (
                r"bitte (?:um )?(?:\w+ )?(?:Antwort|Rückmeldung|melden|antworten|Rückruf|kontaktieren|erstatten|"
                r"Erstattung|Rückerstattung|Ersatz|zurückrufen)"
            ),
            (
                r"(?:warte|warten) (?:\w+ )?(?:noch |immer noch )?auf (?:eine |meine |die |mein )?(?:Antwort|"
                r"Rückmeldung|Erstattung|Rückerstattung|Geld)"
            ),
            (
                r"(?:möchte|will|hätte gerne|erwarte|verlange) (?:\w+ )?(?:mein Geld|eine Antwort|"
                r"eine Rückmeldung|eine Erstattung|eine Rückerstattung|eine Erklärung|eine Lösung)"
            ),
            r"Geld zurück",
            r"melden Sie sich",
        ),
        "scam_warning": (
            r"Betrug\w*",
            r"Betrüger\w*",
            r"betrüg\w*",
            r"Abzocke\w*",
            r"abzock\w*",
            r"Fälschung\w*",
            r"gefälscht\w*",
            r"Fake",
            r"Finger weg",
            r"Vorsicht",
            r"Achtung",
            r"Warnung",
            r"nicht (?:kaufen|bestellen)",
            r"kauft (?:hier )?nicht",
            r"unseriös\w*",
            r"Plagiat\w*",
        ),
    },
    "fr": {
        "poor_customer_service": (
            r"s'en (?:fout|fiche|moque)\w*",
            r"raccroch\w*",
            r"fait le mort",
            r"répondu sèchement",
            r"refus\w* (?:l'|le |la |de |d')?(?:échange|remboursement|retour|reprendre)",
            r"promis (?:un |le |mon )?(?:remboursement|échange|avoir)",
            r"pas (?:de )?leur problème",
            (
                r"service (?:client|après-vente|clientèle)?\s?(?:est |était )?(?:\w+ )?(?:inexistant|nul|"
                r"déplorable|lamentable|catastrophique|médiocre|horrible|incompétent|désagréable|absent|"
                r"inefficace)\w*"
            ),
            r"(?:aucune|pas de|jamais de|sans) (?:réponse|retour|nouvelles)\w*",
            r"(?:ne|n') ?(?:répond|répondent|réponds|a jamais répondu|ont jamais répondu)\w*",
            r"(?:jamais|pas) répondu",
            r"injoignable\w*",
            r"impoli\w*",
            r"désagréable\w*",
            r"(?:vendeur|service) (?:\w+ )?(?:malhonnête|incompétent|désagréable|impoli)\w*",
            r"refus\w* (?:de )?(?:me )?(?:rembours|retour|échang|reprendre)\w*",
            r"ignoré\w*",
            r"aucun (?:suivi|SAV|service)",
            r"SAV (?:\w+ )?(?:nul|inexistant|déplorable|absent)",
            r"manque de (?:professionnalisme|sérieux|respect)",
            r"(?:peu|pas) (?:sérieux|professionnel)\w*",
        ),
        "late_delivery": (
            r"toujours pas (?:re[çc]u|arriv[ée]\w*|livr[ée]\w*)",
            r"(?:apr[èe]s|depuis) (?:\d+|deux|trois|quatre) semaines",
            r"(?:très |trop |beaucoup |énormément )?(?:en )?retard",
            r"retard(?:s|ée|ées)",
            r"livraison retard\w*",
            r"éternité",
            r"rien reçu",
            r"(?:\d+|deux|trois|quatre) semaines de (?:délai|retard|livraison|attente)",
            r"jamais (?:été )?(?:reçu|arrivé|livré)\w*",
            r"(?:pas|toujours pas|jamais|pas encore) (?:été )?(?:reçu|arrivé|livré)\w*",
            r"n'est (?:toujours |jamais )?pas (?:encore )?(?:arrivé|livré)\w*",
            r"je n'ai (?:toujours |jamais )?(?:pas )?(?:rien )?reçu",
            r"délai\w* (?:de livraison )?(?:non respecté|trop long|dépassé|pas respecté|interminable)\w*",
            r"livraison (?:très |trop )?(?:lente|longue|tardive)",
            r"(?:colis|commande) (?:\w+ )?(?:perdu|égaré)\w*",
            r"j'attends (?:toujours|encore|depuis)",
            r"toujours en attente",
            r"attend\w* (?:depuis )?(?:\d+|deux|trois|quatre|plusieurs) (?:jours|semaines)",
            r"lenteur",
            r"tardive?",
        ),
        "missing_contents": (
            r"(?:n'[ée]tait|n'y avait) pas (?:dans|de)",
            r"pas (?:inclus|fourni)\w*",
            r"manqu(?:e|ait|aient|ant|ante|ants|antes|é|és)\b(?! de)",
            r"incomplet\w*",
            r"(?:colis|boîte|carton|paquet) vide",
            r"pas (?:tous|toutes) les",
            r"il n'y avait (?:qu'|que )",
            r"sans (?:la |le |les )?(?:notice|câble|chargeur|vis|accessoires|télécommande|piles|pièces)",
        ),
        "wrong_item": (
            r"(?:re[çc]u|envoy[ée]) (?:la|le|une|un) (?:mauvais|mauvaise|autre)",
            (
                r"(?:mauvais|mauvaise|mauvaises) (?:article|produit|taille|couleur|modèle|quantité|pointure|"
                r"référence|colis|commande|version|pièce)s?"
            ),
            r"(?:ce n'est|c'est) pas (?:l'article|le produit|ce que|la bonne|le bon|celui|celle)",
            r"pas ce que j'ai commandé",
            r"(?:un autre|une autre|autre|différent\w*) (?:article|produit|modèle|couleur|taille)",
            r"erreur (?:de|d'|dans la) (?:commande|article|taille|couleur|envoi|livraison|produit)",
            r"commandé\w*\b.{1,40}?\b(?:et |mais )?(?:j'ai )?reçu (?:du|de la|des|un|une|le|la)",
        ),
        "poor_packaging": (
            r"(?:mal|très mal|pas|peu|n'importe comment) (?:emballé|protégé|conditionné)\w*",
            (
                r"emballage (?:\w+ )?(?:insuffisant|abîmé|déchiré|endommagé|écrasé|mauvais|inexistant|médiocre|"
                r"ouvert|défoncé|mouillé|déplorable|lamentable)\w*"
            ),
            (
                r"(?:mauvais|pauvre|aucun|sans|piètre|insuffisant|médiocre) (?:emballage|protection|papier bulle|"
                r"calage)"
            ),
            (
                r"(?:colis|carton|boîte) (?:\w+ )?(?:écrasé|déchiré|abîmé|ouvert|défoncé|éventré|mouillé|"
                r"endommagé)\w*"
            ),
            r"(?:dans|juste) une (?:simple )?(?:enveloppe|sachet|sac)",
            r"emballage ridicule",
            r"sans (?:aucune )?(?:protection|calage|papier bulle|emballage)",
        ),
        "damaged_item": (
            r"endommagé\w*",
            r"abîmé\w*",
            r"fendu\w*",
            r"cassé\w*",
            r"brisé\w*",
            r"rayé\w*",
            r"fissuré\w*",
            r"fêlé\w*",
            r"cabossé\w*",
            r"défectueu\w*",
            r"(?:ne |n')?fonctionne pas",
            r"ne marche pas",
            r"hors service",
            r"périmé\w*",
            r"date (?:de péremption|limite) dépassée",
            r"déjà (?:ouvert|utilisé|servi)\w*",
            r"d'occasion",
            r"en morceaux",
            r"tâché\w*",
            r"sale\b",
            # "Dommage" alone is "a pity"; the damage is "des dommages".
            r"dommages",
        ),
        "inaccurate_description": (
            r"(?:pas|non) conforme\w*",
            (
                r"ne correspond (?:pas|nullement|en rien) (?:à la|aux|à l'|au) (?:description|photo|annonce|"
                r"image|photos|descriptif)"
            ),
            (
                r"(?:description|annonce|photo|photos|image|fiche produit|descriptif) (?:\w+ )?(?:mensongère|"
                r"trompeuse|fausse|erronée|inexacte|incorrecte)\w*"
            ),
            r"publicité mensongère",
            r"annoncé\w* (?:en|comme)",
            r"(?:la )?(?:description|annonce|fiche) (?:parle|dit|indique|annonce)",
            r"l'étiquette (?:dit|indique)",
            r"rien à voir avec (?:la photo|l'image|la description|l'annonce|les photos)",
            r"différent\w* de (?:la photo|l'image|la description|l'annonce)",
            r"pas comme (?:sur la photo|décrit|annoncé|sur l'image|indiqué)",
            r"trompeu\w*",
            r"mensong\w*",
        ),
        "cancelled_order_received": (
            (
                r"annul\w*.{0,40}?\b(?:quand même|tout de même|malgré|pourtant|mais|reçu|livré|expédié|débité|"
                r"prélevé)"
            ),
            r"malgré (?:l'|mon |ma |l’)annulation",
        ),
        "product_review": (
            r"l[aâ]ch\w*",
            r"se d[ée]cou\w*",
            r"coutures?",
            r"(?:tr[èe]s|trop) fine?",
            r"(?:mauvaise|piètre|médiocre|basse|faible|sale) qualité",
            (
                r"qualité (?:\w+ )?(?:médiocre|mauvaise|décevante|nulle|bas de gamme|pas terrible|déplorable|"
                r"lamentable|moyenne)"
            ),
            r"bas de gamme",
            r"(?:mal|pas bien) (?:fini|fabriqué|conçu|cousu|fait)\w*",
            (
                r"(?:trop|très) (?:petit|grand|court|long|serré|large|fin|lourd|bruyant|faible|dur|mou|étroit|"
                r"cher)\w*"
            ),
            r"plus (?:petit|grand|fin|court)\w* que",
            r"ne vaut pas (?:le prix|la peine|son prix|le coup)",
            r"(?:argent|de l'argent) (?:jeté|gaspillé)",
            r"pas terrible",
            r"camelote",
            r"gratte",
            r"colle",
            r"se fend\w*",
            r"ne ferme pas",
            r"bruit\w*",
            r"détach\w*",
            r"ne tient (?:même )?pas",
            r"serre",
            r"pacotille",
            r"accroche",
            r"s'abîm\w*",
            r"se (?:casse|cassé|déchire|décolle)\w*",
            r"cassé\w* (?:après|au bout)",
            r"au bout de (?:\d+|deux|trois|quelques|une|un) (?:jours?|semaines?|mois|utilisations?|lavages?)",
            r"inconfortable\w*",
            r"fuit",
            r"décevant\w*",
            r"ne tient pas",
            r"son (?:\w+ )?(?:métallique|médiocre|mauvais|nul)",
            r"batterie (?:\w+ )?(?:tient|dure) (?:pas|peu)",
            r"rouille\w*",
            r"(?:mauvaise )?odeur",
            r"goût",
            r"plastique (?:\w+ )?(?:fragile|cheap|bas de gamme)",
            r"fragile",
            r"nul(?:le)?\b",
        ),
        "seeking_response": (
            (
                r"(?:merci de|veuillez|pouvez-vous|pourriez-vous|svp|s'il vous plaît) (?:me )?(?:répondre|"
                r"rembourser|contacter|recontacter|rappeler)"
            ),
            (
                r"(?:j'attends|attends|attente d'|en attente de|en attente d’) (?:une |votre |mon )?(?:réponse|"
                r"remboursement|retour)"
            ),
            (
                r"(?:j'attends|merci de|je souhaite) que (?:le vendeur |vous )?(?:me )?(?:recontact|rappel|"
                r"contact|répond)\w*"
            ),
            r"me rappeler",
            (
                r"je (?:veux|voudrais|souhaite|exige) (?:être remboursé|mon argent|un remboursement|une réponse|"
                r"une solution)\w*"
            ),
            r"(?:je )?demande (?:un |le |mon )?remboursement",
            r"répondez",
        ),
        "scam_warning": (
            r"arnaque\w*",
            r"escroc\w*",
            r"escroquerie\w*",
            r"voleur\w*",
            r"contrefaçon\w*",
            r"faux produit",
            r"fake",
            r"copie\b",
            r"attention",
            r"je préviens",
            r"passez votre chemin",
            r"ne commandez pas",
            r"méfiez-vous",
            r"méfiance",
            r"à fuir",
            r"fuyez",
            r"n'achetez pas",
            r"évitez",
            r"malhonnête\w*",
        ),
    },
    "es": {
        "poor_customer_service": (
            r"(?:vendedor|tienda) no (?:contesta|responde)\w*",
            r"no (?:contesta|responde)\w* (?:a )?(?:mis|los) (?:mensajes|correos|emails)",
            r"ni (?:una )?respuesta",
            r"colg(?:ó|aron|ado)",
            r"malas formas",
            r"(?:me )?echaron la culpa",
            r"pasando de todo",
            r"(?:reembolso|devolución|cambio) prometid[oa]",
            r"me prometieron",
            r"vergüenza",
            (
                r"(?:atención|servicio) (?:al cliente )?(?:es |fue )?(?:\w+ )?(?:pésim\w*|mal[oa]?|horrible|"
                r"nul[oa]|inexistente|deficiente|lamentable|vergonzos\w*)"
            ),
            r"(?:pésima|mala|nula|ninguna|sin) (?:atención|servicio|respuesta)\w*",
            r"(?:no|nunca) (?:me )?(?:han )?(?:responde|contesta|respondi|contest)\w*",
            r"sin respuesta",
            r"ninguna respuesta",
            r"(?:vendedor|tienda) (?:\w+ )?(?:maleducad\w*|grosero\w*|irresponsable|poco serio)",
            (
                r"no (?:me )?(?:quieren|quiso|quisieron|aceptan|aceptaron) (?:devolver|reembolsar|cambiar|"
                r"la devolución)\w*"
            ),
            r"(?:rechaz\w*|negaron|niegan|denegaron) (?:la |el |mi )?(?:devolución|reembolso|cambio)",
            r"ignor\w*",
            r"falta de (?:respeto|profesionalidad|seriedad)",
        ),
        "late_delivery": (
            r"(?:dos|tres|cuatro|\d+) semanas (?:tarde|de retraso)",
            r"todavía (?:no )?(?:ha )?(?:llegado|llega)",
            r"aún no (?:ha )?(?:llegado|llega)",
            r"(?:muy |bastante |demasiado )?tarde",
            r"en llegar",
            r"(?:un mes|\w+ semanas) esperando(?! (?:el|la|una|un|mi|su) (?:reembolso|respuesta|devoluci))",
            r"marcado como entregado",
            r"(?:aparece|figura) como entregado",
            r"retras\w*",
            r"demora\w*",
            (
                r"(?:nunca|no|todavía no|aún no|aun no|jamás) (?:me )?(?:ha )?(?:he )?(?:llegó|llegado|llega|"
                r"recibí|recibido|entregado|entregaron|enviaron|enviado)"
            ),
            r"sin (?:recibir|llegar)",
            r"(?:paquete|pedido) (?:\w+ )?(?:perdido|extraviado)",
            r"(?:sigo|estoy|seguimos) esperando",
            r"tard(?:ó|aron|a|an) (?:mucho|demasiado|\w+ semanas|un mes|siglos)",
            r"entrega (?:muy )?(?:lenta|tardía)",
            r"(?:entrega|llegó|envío) fuera de plazo",
            r"plazo (?:de entrega )?(?:no cumplido|superado|incumplido)",
            r"envío (?:muy )?lento",
        ),
        "missing_contents": (
            r"no (?:venía|venia|vino|incluía|incluye|traía) (?:el|la|los|las)",
            r"falta(?:ba|n|ban|ron|nte|ntes)?\b(?! de)",
            r"incomplet\w*",
            r"(?:caja|paquete) vací\w*",
            r"(?:vino|venía|llegó) sin",
            (
                r"sin (?:las |los |el |la )?(?:instrucciones|tornillos|cable|cargador|piezas|accesorios|mando|"
                r"pilas)"
            ),
            r"solo (?:venía|vino|llegó|llegaron|recibí|traía) (?:una|uno|un|dos|\d+|la mitad)",
        ),
        "wrong_item": (
            (
                r"(?:talla|color|modelo|producto|artículo|tamaño|cantidad|pedido|número|referencia|versión|"
                r"pieza) (?:\w+ )?(?:equivocad\w*|incorrect\w*|erróne\w*|distint\w*|diferente)"
            ),
            r"(?:equivocad\w*|incorrect\w*|erróne\w*) (?:talla|color|modelo|producto|artículo)",
            r"no es (?:el|lo|la) (?:que|producto|artículo|modelo|talla|color)",
            r"no es lo que (?:pedí|compré|encargué)",
            r"(?:otro|otra|diferente|distinto|distinta) (?:producto|artículo|modelo|color|talla)",
            (
                r"ped(?:í|i)\b.{1,40}?\b(?:me (?:mandaron|enviaron|llegó|llego|vino)|recibí) (?:el|la|un|una|"
                r"otro|otra)"
            ),
            r"me (?:enviaron|mandaron|llegó) (?:otro|otra|uno diferente|algo diferente)",
        ),
        "poor_packaging": (
            r"(?:mal|muy mal|pésimamente|fatal) (?:embalado|empaquetado|empacado|protegido)\w*",
            (
                r"embalaje (?:\w+ )?(?:malo|pésimo|insuficiente|roto|dañado|deficiente|inexistente|abierto|"
                r"lamentable)"
            ),
            r"(?:mal|pésimo|ningún|poco|malísimo|sin) (?:embalaje|empaque|protección)",
            (
                r"(?:caja|paquete|sobre) (?:\w+ )?(?:aplastad\w*|rot[oa]|abiert[oa]|dañad[oa]|mojad[oa]|"
                r"destrozad[oa])"
            ),
            r"en (?:una bolsa|un sobre)",
            r"sin (?:nada de |ninguna )?protección",
        ),
        "damaged_item": (
            r"dañad\w*",
            r"rot[oa]s?",
            r"estropead\w*",
            r"rayad\w*",
            r"golpead\w*",
            r"abollad\w*",
            r"agrietad\w*",
            r"partid[oa]s?",
            r"defectuos\w*",
            r"no funciona\w*",
            r"no enciende",
            r"caducad\w*",
            r"usad[oa]s?",
            r"(?:ya|llegó|llego|vino) abiert[oa]",
            r"precinto (?:roto|abierto)",
            r"en mal estado",
            r"rajad[oa]",
        ),
        "inaccurate_description": (
            (
                r"no (?:es )?como (?:se )?(?:describe|muestra|anuncia|en la (?:foto|imagen|descripción)|"
                r"en las fotos|aparece)"
            ),
            (
                r"no (?:coincide|corresponde) (?:con|a) (?:la |lo )?(?:descripción|foto|imagen|anuncio|anunciado|"
                r"descrito|fotos)"
            ),
            (
                r"(?:descripción|anuncio|foto|imagen|fotos) (?:\w+ )?(?:engañosa|falsa|incorrecta|errónea|"
                r"no coincide|miente)"
            ),
            r"publicidad engañosa",
            r"(?:en la )?descripción (?:pone|dice|indica)",
            r"(?:la )?etiqueta (?:pone|dice)",
            r"engañ\w*",
            r"nada que ver con (?:la |las )?(?:foto|imagen|descripción|fotos)",
        ),
        "cancelled_order_received": (
            (
                r"cancel\w*.{0,40}?\b(?:igual|aun así|aún así|de todas formas|pero|llegó|enviaron|cobraron|"
                r"recibí)"
            ),
            r"a pesar de (?:haberlo |haber )?cancel\w*",
        ),
        "product_review": (
            r"costuras?",
            r"se (?:rompió|rompieron|descosió) al (?:primer|segundo) \w+",
            r"se desgast\w*",
            r"se destiñ\w*",
            r"(?:mala|baja|pésima|malísima|poca) calidad",
            r"calidad (?:\w+ )?(?:mala|pésima|baja|regular|horrible|malísima|deficiente)",
            (
                r"(?:muy|demasiado) (?:pequeñ\w*|grande|cort[oa]|larg[oa]|estrech[oa]|ajustad[oa]|fin[oa]|"
                r"endeble|frágil|ruidos[oa]|incómod[oa]|car[oa])"
            ),
            r"más (?:pequeñ\w*|grande|fin[oa]) de lo (?:esperado|que esperaba)",
            r"no vale (?:la pena|lo que cuesta|el precio|nada)",
            r"dinero tirado",
            r"tirar el dinero",
            r"porquería",
            r"basura",
            r"dura (?:muy )?poco",
            r"se (?:rompió|rompe|despega|descose|oxida) (?:a los|al|después|tras|enseguida|rápido|fácil)\w*",
            r"dejó de funcionar",
            r"batería (?:\w+ )?(?:dura poco|no dura|mala)",
            r"se despega",
            r"gotea",
            r"pierde agua",
            r"huele",
            r"olor",
            r"sabe (?:mal|fatal)",
            r"decepcionante",
            r"no sirve",
            r"transparenta",
            r"se pega",
            r"cojea\w*",
            r"grietas",
            r"se oyen? (?:fatal|mal)",
            r"suena (?:fatal|mal)",
            r"pesa (?:mucho|muchísimo|demasiado)",
            r"no (?:imprime|carga|enciende|cierra|corta|calienta|funciona) bien",
            r"(?:parece|plástico|material) (?:\w+ )?barato",
            r"incómod\w*",
            r"ruidos\w*",
            r"endeble",
            r"frágil",
        ),
        "seeking_response": (
            (
                r"(?:por favor|porfavor|favor de) (?:\w+ )?(?:responda\w*|contest\w*|contact\w*|devuelv\w*|"
                r"reembols\w*)"
            ),
            (
                r"(?:espero|esperando|quiero|exijo|necesito) (?:una |mi |el )?(?:respuesta|reembolso|devolución|"
                r"solución|dinero)"
            ),
            r"que me devuelvan",
            (
                r"(?:exijo|quiero|espero) que (?:el vendedor |me |se |alguien )?(?:\w+ )?(?:ponga en contacto|"
                r"conteste|llamen|contacte|responda)\w*"
            ),
            r"que me llamen",
        ),
        "scam_warning": (
            r"estafa\w*",
            r"estafador\w*",
            r"timo",
            r"timador\w*",
            r"fraude\w*",
            r"ladr\w*",
            r"falsificad\w*",
            r"falso",
            r"fake",
            r"cuidado",
            r"no (?:compréis|compren|compres|lo compres)",
            r"evit(?:ad|en)",
            r"robo",
            r"me robaron",
        ),
    },
    "it": {
        "poor_customer_service": (
            r"(?:venditore|negozio) non (?:risponde|rispondono)",
            r"non (?:risponde|rispondono) (?:ai|alle|mai)",
            r"zero risposte",
            r"senza risposta",
            r"nessuna risposta",
            r"riattacc\w*",
            r"se ne frega\w*",
            r"(?:rimborso|sostituzione) promess[oa]",
            r"non (?:ha|hanno) voluto (?:\w+ ){0,3}(?:reso|rimborso|sostituzione|cambio)",
            r"vergogna",
            r"colpa mia",
            (
                r"(?:servizio|assistenza) (?:clienti )?(?:è |era )?(?:\w+ )?(?:pessim\w*|scars\w*|inesistente|"
                r"null\w*|scadente|vergognos\w*|assente)"
            ),
            r"(?:pessimo|nessun|scarso|zero) (?:servizio|assistenza|supporto)",
            r"(?:nessuna|zero) (?:risposta|assistenza)",
            r"(?:non|mai) (?:mi )?(?:hanno |ha )?(?:rispost\w*|rispond\w*)",
            r"venditore (?:\w+ )?(?:scortese|maleducat\w*|inaffidabile|poco serio|irreperibile)",
            r"scortes\w*",
            r"maleducat\w*",
            r"irreperibil\w*",
            r"(?:rifiutat\w*|negat\w*) (?:il |la )?(?:reso|rimborso|sostituzione)",
            r"ignorat\w*",
        ),
        "late_delivery": (
            r"(?:in )?ritardo",
            r"(?:un mese|\w+ settimane) che aspetto",
            r"risulta consegnat\w*",
            r"(?:consegna|arrivat\w*) (?:in|dopo) (?:\d+|due|tre|quattro) settimane",
            r"(?:mai|non (?:ancora |mai )?(?:è )?(?:stato )?) ?(?:arrivat\w*|ricevut\w*|consegnat\w*)",
            r"non ho (?:ancora |mai )?ricevut\w*",
            r"(?:pacco|ordine|spedizione) (?:\w+ )?(?:pers[oa]|smarrit\w*)",
            r"(?:consegna|spedizione) (?:\w+ )?(?:lent\w*|tardiv\w*|lunghissim\w*)",
            r"tempi (?:di consegna )?(?:lunghissimi|lunghi|biblici)",
            r"(?:sto ancora aspettando|aspetto ancora|ancora in attesa)",
            r"mai (?:arrivat\w*|ricevut\w*)",
        ),
        "missing_contents": (
            r"non (?:c'era|c'erano) (?:il|la|i|le|nessun\w*)",
            r"non (?:incluso|inclusa|inclusi)",
            r"manca(?:va|vano|no|nte|nti|to|ta)?\b(?! di)",
            r"incomplet\w*",
            r"(?:scatola|pacco) vuot\w*",
            (
                r"senza (?:le |il |la |i |gli )?(?:istruzioni|viti|cavo|caricatore|pezzi|accessori|telecomando|"
                r"batterie)"
            ),
            r"solo (?:un|una|uno|due|\d+|metà) ",
        ),
        "wrong_item": (
            (
                r"(?:colore|taglia|modello|prodotto|articolo|misura|quantità|numero|versione|"
                r"pezzo) (?:\w+ )?(?:sbagliat\w*|errat\w*|divers\w*|non corrispondente)"
            ),
            r"(?:sbagliat\w*|errat\w*) (?:colore|taglia|modello|prodotto|articolo|misura)",
            r"non è (?:quello|il prodotto|l'articolo|ciò) che (?:ho )?(?:ordinat\w*|comprat\w*)",
            r"(?:un altro|un'altra|altro|altra) (?:prodotto|articolo|modello|colore|taglia)",
            (
                r"ordinat[oa]\b.{1,40}?\b(?:arrivat[oa]|ricevut[oa]|mandato|spedito) (?:quello|quella|un|una|il|"
                r"la)"
            ),
        ),
        "poor_packaging": (
            r"(?:mal|male|malissimo|poco) (?:imballat\w*|confezionat\w*|protett\w*|impacchettat\w*)",
            (
                r"imball(?:aggio|o) (?:\w+ )?(?:scarso|pessimo|insufficiente|rotto|danneggiato|inesistente|"
                r"aperto|inadeguato)"
            ),
            r"(?:pessimo|scarso|nessun|senza|cattivo) (?:imballaggio|imballo|protezione|pluriball)",
            (
                r"(?:scatola|pacco|busta) (?:\w+ )?(?:schiacciat\w*|rott\w*|apert\w*|danneggiat\w*|bagnat\w*|"
                r"distrutt\w*)"
            ),
            r"in una (?:semplice )?busta",
            r"senza (?:alcuna )?(?:imbottitura|protezione|pluriball)",
        ),
        "damaged_item": (
            r"danneggiat\w*",
            r"rott[oaie]",
            r"distrutt\w*",
            r"graffiat\w*",
            r"ammaccat\w*",
            r"crepat\w*",
            r"scheggiat\w*",
            r"difettos\w*",
            r"non funziona\w*",
            r"non si accende",
            r"scadut\w*",
            r"(?:già|arrivat[oa]) (?:apert[oa]|usat[oa])",
            r"usat[oa]",
            r"sigillo (?:rotto|aperto)",
            r"in pessime condizioni",
            r"danni",
            r"in (?:mille )?pezzi",
            r"spaccat\w*",
        ),
        "inaccurate_description": (
            (
                r"non (?:è )?come (?:descritt\w*|in foto|nella foto|nell'immagine|nella descrizione|mostrat\w*|"
                r"pubblicizzat\w*)"
            ),
            r"non corrisponde (?:alla |alle |all')?(?:descrizione|foto|immagine|immagini|annuncio)",
            r"non conforme",
            (
                r"(?:descrizione|foto|immagine|annuncio|inserzione) (?:\w+ )?(?:ingannevol\w*|fals\w*|errat\w*|"
                r"sbagliat\w*|fuorviant\w*|non corrisponde)"
            ),
            r"pubblicità ingannevole",
            r"(?:venduto|descritto|pubblicizzato) come",
            r"c'è scritto",
            r"l'etichetta dice",
            r"ingannevol\w*",
            r"divers[oa] dalla (?:foto|descrizione|immagine)",
        ),
        "cancelled_order_received": (
            r"annullat\w*.{0,40}?\b(?:comunque|lo stesso|ugualmente|ma|arrivat\w*|spedit\w*|addebitat\w*)",
            r"nonostante (?:l'|avessi )?annull\w*",
        ),
        "product_review": (
            r"sottil\w*",
            r"cuciture",
            r"si (?:sono )?(?:rott\w*|scucit\w*|strappat\w*) dopo",
            r"si (?:scolor|rovin)\w*",
            r"(?:scarsa|bassa|pessima|cattiva|mediocre) qualità",
            r"qualità (?:\w+ )?(?:scadente|pessima|scarsa|bassa|mediocre|infima)",
            r"scadente",
            (
                r"(?:troppo|molto) (?:piccol\w*|grand\w*|cort\w*|lung\w*|strett\w*|larg\w*|sottil\w*|rumoros\w*|"
                r"fragil\w*|pesant\w*|debol\w*|car[oa])"
            ),
            r"più (?:piccol\w*|grand\w*) (?:del previsto|di quanto)",
            r"non vale (?:il prezzo|la pena|i soldi|niente)",
            r"soldi (?:buttati|sprecati)",
            r"schifezza",
            r"spazzatura",
            r"piccolissim\w*",
            r"strettissim\w*",
            r"si blocca",
            r"pallini",
            r"si (?:sono )?staccat\w*",
            r"si incastra",
            r"rumore",
            r"inutilizzabile",
            r"fa le righe",
            r"non (?:macina|tiene|chiude|carica|taglia)",
            r"dura (?:solo )?(?:mezz'ora|\w+ minuti)",
            r"porcheria",
            r"si è (?:rott\w*|stacc\w*|rovinat\w*) dopo",
            r"dopo (?:\w+ ){0,2}(?:giorni|settimane|mesi|utilizzi|lavaggi|uso)",
            r"smesso di funzionare",
            r"durata (?:\w+ )?(?:breve|scarsa)",
            r"dura (?:molto )?poco",
            r"batteria (?:\w+ )?(?:dura poco|scarsa|pessima)",
            r"si stacca",
            r"perde acqua",
            r"puzza",
            r"odore",
            r"scomod\w*",
            r"deludente",
            r"fragile",
            r"(?:sembra|plastica) (?:\w+ )?economic\w*",
        ),
        "seeking_response": (
            r"(?:per favore|vi prego|prego) (?:\w+ )?(?:rispond\w*|contatt\w*|rimbors\w*)",
            (
                r"(?:aspetto|attendo|in attesa di|voglio|pretendo) (?:una |il |la |un |i miei )?(?:risposta|"
                r"rimborso|soldi|sostituzione)"
            ),
            r"rivoglio i (?:miei )?soldi",
            r"(?:voglio|spero) che (?:il venditore )?mi (?:contatti|risponda|richiami)",
            r"richiamatemi",
            r"rispondete",
        ),
        "scam_warning": (
            r"truff\w*",
            r"imbroglion\w*",
            r"fregatura",
            r"ladr\w*",
            r"contraffatt\w*",
            r"falso",
            r"fake",
            r"attenzione",
            r"diffidate",
            r"state alla larga",
            r"non (?:comprate|acquistate)",
            r"evitate",
        ),
    },
    "ja": {
        "poor_customer_service": (
            r"応答(?:なし|が?ない)",
            r"断られ",
            r"切られ",
            r"定型文",
            r"返金されていな",
            r"返金されていませ",
            r"一方的",
            r"対応(?:が|は)?(?:とても|非常に|本当に|かなり|すごく)?(?:悪|ひど|酷|最悪|遅|不誠実|雑|最低)",
            r"(?:返信|返事|連絡|回答)(?:が|も)?(?:な[いく]|無|来な|ありませ|一切)",
            r"無視",
            r"不誠実",
            r"失礼",
            r"態度が悪",
            r"問い合わせ(?:に|ても|をしても)(?:返|答|回答|反応)?(?:が)?(?:な|無)",
            r"返品(?:を|に)(?:拒否|応じ)",
            r"返金(?:を|に)(?:拒否|応じ)",
        ),
        "late_delivery": (
            r"(?:経って|過ぎて)(?:も)?まだ",
            r"発送(?:が|さえ)?(?:されていな|されませ|されな)",
            r"遅い",
            r"遅すぎ",
            r"(?:週間|ヶ月|か月|カ月)(?:も|以上)?(?:かか|待)",
            r"配達完了になっているのに",
            r"遅れ",
            r"遅延",
            r"届かな",
            r"届かず",
            r"届いていな",
            r"届いていませ",
            r"届きませ",
            r"未着",
            r"届くのが遅",
            r"まだ届",
            r"来な[いか]",
            r"来ませ",
            r"到着が遅",
            r"時間がかか",
            r"予定日(?:を|に)?過ぎ",
            r"配達(?:が|の)遅",
            r"紛失",
        ),
        "missing_contents": (
            r"入っていな",
            r"入っていませ",
            r"入っておら",
            r"入ってな",
            r"(?<!確認)(?<!説明)不足",
            r"足りな",
            r"足りませ",
            r"欠品",
            r"付属品がな",
            r"同梱されていな",
            r"中身がな",
            r"空っぽ",
            r"空の箱",
            r"しか入って",
        ),
        "wrong_item": (
            r"違う(?:商品|色|サイズ|もの|物|型|品|モデル|カラー|数)",
            r"(?:商品|色|サイズ|型番|数量|カラー)が違",
            r"間違(?:った|い|え)",
            r"別の(?:商品|もの|物|色|サイズ)",
            r"注文(?:した)?(?:もの|物|商品)?(?:と|では)(?:違|異な)",
            r"異なる(?:商品|色|サイズ)",
            r"を注文した(?:のに|が|けど).{0,15}?(?:が|の)(?:届|送られ)",
        ),
        "poor_packaging": (
            r"梱包(?:が|は)?(?:雑|ひど|酷|悪|最悪|不十分|適当|粗末|お粗末|甘)",
            r"雑な梱包",
            r"簡易(?:包装|梱包)",
            r"緩衝材(?:が|も)?(?:一切)?(?:なし|無し|な|入っていな|ゼロ)",
            r"(?:封筒|袋)に入(?:っ|れ)ただけ",
            r"(?:箱|段ボール|外箱|封筒|袋)(?:が|は)?(?:潰れ|つぶれ|破れ|へこ|凹|濡れ|ボロボロ|ぼろぼろ|破損|開いて)",
            r"袋に(?:入れただけ|そのまま)",
            r"むき出し",
            r"プチプチ(?:も)?(?:なし|無し|な)",
        ),
        "damaged_item": (
            r"壊れ",
            r"割れ",
            r"破損",
            r"傷(?:が|あり|だらけ|つき|付き)",
            r"キズ",
            r"へこみ",
            r"凹み",
            r"ひび",
            r"欠け",
            r"不良品",
            r"初期不良",
            r"動かな",
            r"動きませ",
            r"作動しな",
            r"電源が入らな",
            r"故障",
            r"期限切れ",
            r"賞味期限(?:が|切れ|過ぎ)",
            r"開封(?:済み|された|されて)",
            r"中古",
            r"使用済み",
            r"汚れ(?:て|が)",
        ),
        "inaccurate_description": (
            r"説明(?:と|が)(?:違|異な|間違|不正確|おかし)",
            r"(?:写真|画像|記載|表記|商品説明|説明文)(?:と|が)(?:全然|全く|まったく)?(?:違|異な|別)",
            r"説明通りではな",
            r"誇大広告",
            r"(?<!届く)と書いてある(?:のに|けど)",
            r"(?:商品説明|説明|記載)(?:に|には|では).{1,10}と書いて",
            r"表示(?:と|が)違",
        ),
        "cancelled_order_received": (
            r"キャンセル(?:した|済み|しました|したにも).{0,20}?(?:届|発送|送られ|請求)",
            r"キャンセルしたのに",
            r"キャンセル.{0,40}?(?:のに|にも関わらず).{0,20}?(?:発送|届|送られ)",
        ),
        "product_review": (
            r"ほつれ",
            r"色落ち",
            r"縫製(?:が|も)?(?:雑|悪|甘)",
            r"すぐに?(?:ほつれ|取れ|外れ)",
            r"(?:取れ|外れ)(?:ました|た|て)",
            r"品質(?:が|は)?(?:悪|低|最悪|ひど|イマイチ|いまいち)",
            r"質(?:が|は)(?:悪|低)",
            r"安っぽ",
            r"作り(?:が|も)?(?:雑|悪|安|チャチ|ちゃち|甘)",
            r"チープ",
            r"すぐ(?:に)?(?:壊れ|破れ|切れ|ダメ|だめ)",
            r"(?:数日|一週間|１週間|1週間|一ヶ月|1ヶ月|数回|一回|1回)で(?:壊れ|使えな|ダメ|だめ|破れ)",
            r"(?:大き|小さ|うるさ|重|軽|硬|柔らか|短|長|薄|厚|弱|強|甘|辛)すぎ",
            r"思ったより(?:小さ|大き|薄|安っぽ|チープ)",
            r"値段(?:の|に)?割に",
            r"価値(?:が|は)?(?:な|無)",
            r"お金の無駄",
            r"使いにく",
            r"使い(?:づら|辛)",
            r"音(?:が|質が)(?:悪|ひど|割れ)",
            r"臭い",
            r"におい",
            r"匂い",
            r"電池(?:の)?(?:持ち|もち)が(?:悪|短)",
            r"期待外れ",
            r"期待はずれ",
            r"明らかに小さ",
            r"きつ(?:くて|い)",
            r"着られな",
            r"もたな",
            r"全然使えな",
            r"ゴワゴワ",
            r"肌触りが悪",
            r"冷める",
            r"傾いて",
            r"印刷できな",
            r"印刷できませ",
            r"悪かろう",
            r"想像以上に?(?:重|小さ|大き)",
            r"残念な(?:商品|品質)",
            r"ゴミ",
            r"粗悪",
        ),
        "seeking_response": (
            r"(?:返信|返事|連絡|回答|返金|対応)(?:を|して)?(?:ください|下さい|願います|お願いします|してほしい|して欲しい|待って)",
            r"(?:早く|至急)(?:返金|連絡|対応)",
        ),
        "scam_warning": (
            r"詐欺",
            r"偽物",
            r"ニセモノ",
            r"にせもの",
            r"偽造",
            r"パチモン",
            r"コピー品",
            r"注意(?:して|が必要|してください)",
            r"買わない(?:方|ほう)が",
            r"騙",
            r"だまされ",
        ),
    },
}

# Clearly positive words: under a 1-2 star rating, a sign the buyer picked the wrong stars.
PRAISE_PATTERNS: dict[str, tuple[str, ...]] = {
    "en": (
        r"great",
        r"excellent",
        r"perfect(?:ly)?",
        r"amazing",
        r"awesome",
        r"fantastic",
        r"wonderful",
        r"brilliant",
        r"superb",
        r"outstanding",
        r"love (?:it|this|them|the)",
        r"(?:highly |would )?recommend(?:ed)?",
        r"(?:very |really |so )?(?:happy|pleased|satisfied)",
        r"thanks?(?: you)?(?: so much)?",
        r"(?:fast|quick|speedy|prompt|rapid) (?:delivery|shipping|dispatch|service|response|postage)",
        r"(?:well|nicely|securely|carefully) (?:packed|packaged|wrapped)",
        r"arrived (?:quickly|early|on time|promptly|safely|in perfect condition|as described)",
        r"as described",
        r"good (?:seller|service|product|quality|value|price|communication|job|experience)",
        r"5 stars",
        r"five stars",
        r"A\+",
        r"no problems?",
        r"works (?:great|perfectly|well|fine)",
        r"top (?:seller|service|quality)",
        r"spot on",
        r"smooth transaction",
        r"all good",
        r"(?:would|will) (?:definitely )?buy (?:from (?:them|this seller) )?again",
    ),
    "de": (
        r"(?:sehr |super |absolut |voll )?zufrieden",
        r"schnell (?:geliefert|verschickt|versendet|da)",
        r"gut verpackt",
        r"top",
        r"super",
        r"perfekt",
        r"klasse",
        r"toll",
        r"prima",
        r"empfehlenswert",
        r"einwandfrei",
        r"hervorragend",
        r"ausgezeichnet",
        r"(?:vielen )?dank\w*",
        r"gerne wieder",
        r"jederzeit wieder",
        r"alles (?:bestens|gut|super|ok|okay|perfekt|einwandfrei|bestens)",
        r"wie beschrieben",
        r"schnelle (?:Lieferung|Abwicklung)",
        r"schneller (?:Versand|Service)",
        r"(?:Top|Super) (?:Verkäufer|Händler|Service)",
        r"empfehle",
        r"100 ?%",
        r"sehr gut",
        r"problemlos",
        r"reibungslos",
    ),
    "fr": (
        r"parfait\w*",
        r"merci(?: beaucoup)?",
        r"(?:très |vraiment )?(?:satisfait|content|ravi)\w*",
        r"(?:vendeur|service|produit) (?:très )?(?:sérieux|au top|impeccable|excellent|fiable|parfait|rapide)",
        r"impeccable",
        r"excellent\w*",
        r"(?:très )?bon (?:vendeur|produit|service|article)",
        r"super",
        r"top",
        r"je (?:le )?recommande",
        r"à recommander",
        r"bien (?:emballé|reçu|arrivé|protégé)\w*",
        r"livraison rapide",
        r"conforme à la description",
        r"nickel",
        r"génial",
        r"très bien",
        r"aucun problème",
        r"tout (?:est )?(?:parfait|ok|nickel|bien)",
        r"rapide",
    ),
    "es": (
        r"excelente\w*",
        r"perfect\w*",
        r"gracias",
        r"(?:muy )?(?:contento|satisfecho|contenta|satisfecha)",
        r"recomendable",
        r"(?:lo )?recomiendo",
        r"genial",
        r"(?:envío|entrega) (?:muy )?rápid[oa]",
        r"rapidísim\w*",
        r"todo (?:llegó )?(?:correcto|perfecto|bien|ok)",
        r"estupend\w*",
        r"fantástic\w*",
        r"encantad\w*",
        r"impecable",
        r"de confianza",
        r"(?:muy )?buen (?:vendedor|servicio|producto)",
        r"(?:muy )?buena (?:calidad|atención)",
        r"bien (?:embalado|empaquetado)",
    ),
    "it": (
        r"perfett\w*",
        r"grazie(?: mille)?",
        r"ottim\w*",
        r"eccellent\w*",
        r"(?:molto )?soddisfatt\w*",
        r"tutto (?:ok|bene|perfetto|regolare)",
        r"consigliat\w*",
        r"(?:lo )?consiglio",
        r"(?:venditore|servizio) (?:\w+ )?(?:seri\w*|affidabil\w*|top|ottim\w*|eccellent\w*)",
        r"velocissim\w*",
        r"(?:spedizione|consegna) (?:\w+ )?(?:veloce|rapida|puntuale)",
        r"ben (?:imballat\w*|confezionat\w*)",
        r"top",
        r"fantastic\w*",
        r"come descritto",
        r"gentilissim\w*",
        r"prima del previsto",
        r"super",
    ),
    "ja": (
        r"ありがとう",
        r"丁寧",
        r"迅速",
        r"早く届",
        r"素早",
        r"満足",
        r"良かった",
        r"よかった",
        r"良い(?:商品|品|買い物|取引|ショップ|お店)",
        r"最高",
        r"完璧",
        r"問題(?:なく|なし|ありませ)",
        r"また(?:利用|購入|お願い)",
        r"おすすめ",
        r"オススメ",
        r"助かりました",
        r"スムーズ",
        r"大満足",
    ),
}

# Words that turn the next few words into their opposite ("not damaged", "ohne Schaden").
NEGATION_BEFORE: dict[str, str] = {
    "en": r"\b(?:not|no|never|without|hardly|nothing|zero)\b|n't\b",
    "de": r"\b(?:nicht|kein\w*|nie|niemals|ohne)\b",
    "fr": r"\b(?:pas|jamais|aucun\w*|sans|ni|non|rien)\b",
    "es": r"\b(?:no|nunca|sin|ningun\w*|jamás|tampoco|nada)\b",
    "it": r"\b(?:non|mai|senza|nessun\w*|né)\b",
}
# Japanese negates after the word: 壊れていない "not broken", 破損なし "no damage".
NEGATION_AFTER_JA = r"(?:て|で)?(?:は|も)?(?:い)?(?:でき)?(?:あり)?(?:な[いくかし]|ませ|ず|無)"

# Words that put praise in doubt: "great product but ...".
CONTRAST: dict[str, str] = {
    "en": r"\b(?:but|however|unfortunately|although|except|shame|sadly|disappoint\w*)\b",
    "de": r"\b(?:aber|leider|jedoch|allerdings|enttäusch\w*|schade)\b",
    "fr": r"\b(?:mais|malheureusement|cependant|dommage|déçu\w*|hélas)\b",
    "es": r"\b(?:pero|lamentablemente|desgraciadamente|sin embargo|decepcion\w*|lástima)\b",
    "it": r"\b(?:ma|purtroppo|però|peccato|delus\w*)\b",
    "ja": r"(?:が、|けど|けれど|しかし|残念|ただ、)",
}

# A damage word ("broken", "cracked") is about the product's quality when the sentence says it
# happened in use ("after two days", "the second time I used it"), and about the item as it
# arrived otherwise; a sentence that also speaks of the arrival keeps it an arrival.
# Cues are written without accents: the comment is matched with its accents folded.
USAGE_CUES: dict[str, str] = {
    "en": (
        r"\b(?:after|within|second time|first time|first use|day one|first day|next day|straight away|"
        r"right away|immediately|soon|used it|using it|in use|the first (?:week|day|month|wash|wear)|"
        r"wash(?:es|ed|ing)?|wears|wore|wearing)\b"
    ),
    "de": (
        r"\b(?:nach|beim (?:ersten|zweiten|dritten)|ersten Gebrauch|am ersten Tag|sofort|gleich|"
        r"Wasche|Waschen|gewaschen|Spulen|gespult|Tragen|getragen|Benutzung|Benutzen|Gebrauch)\b"
    ),
    "fr": (
        r"\b(?:apres|au bout|des la premiere|premiere utilisation|deuxieme utilisation|le lendemain|"
        r"(?:au|des le) (?:premier|deuxieme|second) (?:lavage|usage|port|jour)|lavages?|lave|porte)\b"
    ),
    "es": (
        r"\b(?:despues|a los|al (?:primer|segundo)|el primer dia|tras|a la semana|enseguida|"
        r"(?:en el|al) (?:primer|segundo) (?:lavado|uso|dia)|lavados?|usos?|puest[oa])\b"
    ),
    "it": (
        r"\b(?:dopo|al primo|il giorno dopo|alla prima|subito|(?:al|dal) (?:primo|secondo) (?:lavaggio|uso|"
        r"utilizzo)|lavaggi?o?|utilizzi|indossat\w*)\b"
    ),
    "ja": r"(?:すぐ|回目|日で|週間で|ヶ月で|使って|使用中|始め|洗っ|洗濯|履い|着て|使用|回で|回使|だけで)",
}
ARRIVAL_CUES: dict[str, str] = {
    "en": (
        r"\b(?:arriv\w*|came|received|delivered|opened|unbox\w*|out of the box|on arrival|in transit|"
        r"in the post|when I got)\b"
    ),
    "de": r"\b(?:angekommen|kam|geliefert|erhalten|ausgepackt|Auspacken|Ankunft|geoffnet)\b",
    "fr": r"\b(?:arriv\w*|recu\w*|livr\w*|reception|ouvert|ouvrant)\b",
    "es": r"\b(?:lleg\w*|recib\w*|entreg\w*|abrir|abri|vino|venia)\b",
    "it": r"\b(?:arrivat\w*|arrivo|ricevut\w*|consegnat\w*|aprendo)\b",
    "ja": r"(?:届|到着|開けたら|開封したら|配達)",
}

# A damage word whose clause is about the box, not the item, is about the packaging.
PACKAGING_NOUNS: dict[str, str] = {
    "en": r"\b(?:box|package|parcel|envelope|packaging|carton|mailer)\b",
    "de": r"\b(?:Karton|Paket|Verpackung|Umschlag|Packchen|Schachtel)\b",
    "fr": r"\b(?:carton|colis|emballage|boite|enveloppe)\b",
    "es": r"\b(?:caja|paquete|embalaje|sobre)\b",
    "it": r"\b(?:scatola|pacco|imballaggio|imballo|busta)\b",
    "ja": r"(?:外箱|段ボール|梱包|封筒|箱)",
}
ITEM_NOUNS: dict[str, str] = {
    "en": r"\b(?:item|product|contents|inside|it|goods|itself)\b",
    "de": r"\b(?:Ware|Artikel|Produkt|Inhalt|Gerat)\b",
    "fr": r"\b(?:produit|article|objet|contenu)\b",
    "es": r"\b(?:producto|articulo|contenido)\b",
    "it": r"\b(?:prodotto|articolo|contenuto)\b",
    "ja": r"(?:商品|中身|本体)",
}
