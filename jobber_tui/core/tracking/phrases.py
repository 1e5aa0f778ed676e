"""The phrases that tell what a reply is, in English, German, French and Spanish.

Text is lower-cased with straight apostrophes before matching (see classify._normal). Each list is
matched sentence by sentence; rejection, offer, assessment and interview phrases only count in
sentences that are not hedged (see HEDGES), so "if you are not selected for this position" or "we
cannot answer every application" never decide anything. Keep phrases specific: a loose one ("unfortunately
... not") once closed jobs over "unfortunately our start dates are fixed" in an offer.
"""

from __future__ import annotations

import re


def _rules(*patterns: str) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


HEDGES = re.compile(
    # conditional and hypothetical
    r"\b(?:if|unless|whether|in case|in the event|should (?:you|we|your|there|it)|may|might|once)\b|"
    r"\b(?:wenn|falls|sollten?|sofern|ob)\b|\b(?:si|s'il|au cas où|dans le cas où|à défaut)\b|"
    r"\b(?:en caso de|de no)\b|"
    # generic: about applicants in general ("we cannot answer every application"), not this one
    r"\b(?:candidates|applicants|those|anyone) who\b|\bonly (?:candidates|applicants|shortlisted)\b|"
    r"\b(?:respond|reply|answer|get back|feedback)\w*[^.!?]{0,30}\b(?:every|each|all|individually)\b|"
    r"\b(?:every|each|all) (?:applicant|candidate)s?\b[^.!?]{0,30}\b(?:respon|repl|answer|feedback)|"
    r"\bbewerber\w*,? die\b|\bnicht jede\b|\b(?:jede|alle)[^.!?]{0,30}(?:beantworten|antworten|rückmeld)|"
    r"\bcandidats qui\b|\bsans réponse\b|\b(?:répondre|réponse)[^.!?]{0,40}\b(?:chaque|toutes|individuellement)\b|"
    r"\bcandidatos que\b|\b(?:responder|respuesta)[^.!?]{0,40}\b(?:cada|todas|individual)"
)
"""A sentence with one of these states a possibility or a rule for everybody, never this application's news."""

REJECTION = _rules(
    # English
    r"\bnot (?:be )?(?:moving|move|going|proceeding|proceed|progressing|progress) (?:forward|ahead|further)\b",
    r"\b(?:decided|chosen|opted|elected|decision) (?:was made )?to "
    r"(?:move forward|proceed|go ahead|continue|progress|go) with "
    r"(?:other|another|a different|different|more qualified) ",
    r"\b(?:decided|chosen|opted) not to (?:proceed|move forward|progress|pursue|continue|invite)",
    r"\b(?:pursue|pursuing|proceed with|progress with|moving forward with|continue with|go with|going with) "
    r"(?:other|another|more qualified|a different) (?:candidate|applicant|individual)s?\b",
    r"\boffer(?:ed)?(?: the (?:position|role|job))? to (?:another|a different|other|someone else)\b",
    r"\b(?:position|role|vacancy|job|opening) (?:has (?:now |already )?been|was|is now|had been) "
    r"(?:filled|closed|cancelled|canceled|put on hold)\b",
    r"\b(?:have|has|was|were|is) not (?:been )?(?:selected|shortlisted|successful)\b",
    r"\bapplication (?:was|has been|is|had been) unsuccessful\b|\bunsuccessful on this occasion\b",
    r"\bno longer (?:being )?(?:considering|under consideration|considered)\b",
    r"\bregret to (?:inform|let you know|tell you|advise)\b|\b(?:sorry|sad) to (?:say|let you know|inform you) that\b",
    r"\b(?:unable|not able|cannot|can't|won't|will not) (?:to )?(?:offer you|move forward with (?:it|your)|proceed "
    r"with (?:it|your)|progress (?:it|your)|take your application)",
    r"\bunable to (?:move forward|proceed|progress)\b",
    # German
    r"\bfür (?:eine[nr]? )?ander\w* (?:kandidat|bewerber)\w*[^.!?]{0,80}\bentschieden|"
    r"\bentschieden[^.!?]{0,40}für (?:eine[nr]? )?ander\w* (?:kandidat|bewerber)",
    r"^absage\b|\b(?:eine|ihnen|dir) (?:leider )?(?:eine )?absage (?:erteilen|geben|mitteilen)",
    r"\bkeine positive (?:rückmeldung|nachricht|antwort)",
    r"\b(?:nicht|leider nicht) (?:weiter |mehr )?(?:berücksichtigen|berücksichtigt)",
    r"\b(?:stelle|position|vakanz) (?:wurde |ist |wurde bereits |ist bereits )(?:anderweitig )?besetzt",
    r"\bbedauern,? (?:ihnen|dir) (?:keine|mitteilen)",
    # French
    r"\bn'a pas été retenue?\b|\bpas été retenue?\b",
    r"\b(?:avons|a) retenu (?:un|une) autre (?:candidat|profil|candidature)",
    r"\b(?:ne pouvons|ne pourrons|ne sommes) pas (?:en mesure de )?donner (?:une )?suite (?:favorable )?à votre",
    r"\bau regret de vous (?:informer|annoncer)\b",
    r"\bposte (?:a été|est) (?:déjà )?pourvu",
    # Spanish
    r"\bno ha sido seleccionad[oa]\b",
    r"\blamentamos (?:comunicarte|comunicarle|informarte|informarle)\b",
    r"\b(?:continuar|seguir) (?:el proceso )?con otr[oa]s? (?:candidat|perfil)",
    r"\bno (?:vamos a|podemos) (?:seguir|continuar) (?:adelante )?con tu (?:candidatura|solicitud)",
    r"\bpuesto (?:ya )?(?:ha sido|está) cubierto",
)

OFFER = _rules(
    r"\b(?:extend|extending|make|making|present|presenting) (?:you )?(?:an? |our |the )?(?:formal |written |verbal |"
    r"official )?(?:job |employment )?offer\b",
    r"\boffer letter\b|\boffer of employment\b|\bemployment offer\b",
    r"\b(?:like|love|want|pleased|delighted|happy|thrilled|excited) to offer you\b",
    r"\boffer you the (?:position|role|job)\b",
    # German
    r"\b(?:stelle|position)[^.!?]{0,80}\banbieten\b",
    r"\bvertragsangebot\b|^zusage\b",
    # French
    r"\bproposition d'embauche\b|\bpromesse d'embauche\b",
    r"\b(?:plaisir|heureux|heureuse|ravis?|ravie) de vous proposer le poste\b",
    # Spanish
    r"\b(?:complace|alegra|gustaría) (?:mucho )?(?:ofrecerte|ofrecerle)\b|\bofrecerte el puesto\b",
    r"\bcarta de oferta\b|\b(?:hacerte|hacerle) una oferta\b",
)

ASSESSMENT = _rules(
    r"\b(?:coding|technical|take[- ]home|online|skills?|programming) (?:challenge|assessment|exercise|test|"
    r"assignment|task)\b",
    r"\b(?:complete|take|start|finish|submit) (?:an? |the |our |your |this )?(?:short |brief |online )?(?:[\w-]+ )?"
    r"(?:assessment|challenge|assignment)\b",
    r"\bassessment (?:link|invitation|invite)\b|\bonline assessment\b",
    r"\b(?:hackerrank|codility|codesignal|testgorilla|coderbyte|devskiller|codingame)\b",
    r"\bcase study\b",
    # German
    r"\b(?:probeaufgabe|fallstudie|arbeitsprobe)\b|\b(?:online-?|programmier)(?:test|aufgabe)\b",
    # French
    r"\b(?:test|exercice) technique\b|\bétude de cas\b|\bcas pratique\b",
    # Spanish
    r"\b(?:prueba|ejercicio) técnic[oa]\b|\bcaso práctico\b",
)

INTERVIEW = _rules(
    r"\binvit\w* you (?:to|for) (?:an? |the |our |a first |a second |a final )?(?:[\w-]+ ){0,2}(?:interview|call|"
    r"conversation|chat|meeting|on-?site)",
    r"\b(?:schedule|book|arrange|set up|find) (?:an? |the |your |some |our )?(?:[\w-]+ ){0,2}(?:interview|call|"
    r"time to (?:talk|chat|speak)|chat|meeting|conversation|phone screen)",
    r"\binterview (?:invitation|invite|request|slot)\b|\b(?:phone|video) screen\b|\bscreening call\b",
    r"\b(?:calendly\.com|goodtime\.io|cal\.com/|pick a (?:time|slot)|select a (?:time|slot))",
    r"\bwould (?:love|like) to (?:speak|talk|chat|meet) (?:with|to) you\b|\b(?:like|love|want) to meet you\b",
    r"\b(?:let us|let me) know your availability\b|\byour availability (?:for|next|this)\b",
    r"\bmove you forward to (?:our|the) (?:final|next) (?:round|stage)\b",
    # German
    r"\b(?:einladung zu[mr]? |zu einem )(?:[\w-]+ )?(?:vorstellungsgespräch|gespräch|interview|kennenlernen)",
    r"\b(?:vorstellungsgespräch|gespräch|interview|kennenlerngespräch)\w*[^.!?]{0,60}\beinladen\b",
    r"\bkennenlerngespräch\b|\beinen (?:passenden )?termin (?:aus)?wählen\b",
    # French
    r"\b(?:invitation|convocation|convier|inviter) à un entretien\b|\bvous rencontrer\b",
    r"\béchange téléphonique\b|\bvos disponibilités\b|\bchoisir un créneau\b",
    # Spanish
    r"\b(?:invitarte|invitarle|convocarte|convocarle) a una entrevista\b|\bconvocatoria a entrevista\b",
    r"\bllamada inicial\b|\btu disponibilidad\b|\bconcertar una (?:llamada|entrevista)\b",
)

SCREENING = re.compile(
    r"phone screen|screening (?:call|interview)|intro(?:ductory)? (?:call|chat)|initial (?:call|chat|conversation|"
    r"interview)|recruiter (?:call|screen|chat)|first (?:call|chat)|quick call|"
    r"telefonisch|kennenlerngespräch|erstes gespräch|échange téléphonique|premier échange|"
    r"llamada inicial|primera llamada"
)

THANKS = _rules(
    r"thank(?:s| you) for (?:your )?(?:applying|application|interest in)",
    r"(?:vielen |herzlichen )?dank für (?:ihre|deine) bewerbung|merci (?:pour votre candidature|d'avoir postulé)|"
    r"remercions pour votre candidature|gracias por (?:aplicar|tu candidatura|tu interés)",
)
"""Thanks alone: acknowledgements open with it, and so does nearly every rejection. Not enough to be sure."""

ACKNOWLEDGEMENT = _rules(
    r"(?:received|receipt of|receiving) your (?:application|documents|cv)",
    r"\bapplication (?:has been |was |is )?(?:received|submitted)\b|\bconfirm (?:the )?receipt\b",
    r"\bwe(?:'ve| have) (?:received|got) your\b",
    # German
    r"eingang ihrer bewerbung|den eingang|bewerbung (?:ist )?(?:bei uns )?eingegangen|"
    r"unterlagen (?:sind )?(?:bei uns )?(?:eingegangen|erhalten)",
    # French
    r"bien reçu votre (?:candidature|dossier)|accusons réception|candidature a bien été (?:reçue|transmise)",
    # Spanish
    r"hemos recibido (?:correctamente )?tu (?:candidatura|solicitud)|confirmamos la recepción|"
    r"(?:solicitud|candidatura) ha sido recibida",
)
"""Receipt: the application arrived. This makes an acknowledgement sure."""

OUTREACH = re.compile(
    r"came across your (?:profile|background)|reaching out on behalf|(?:are|would) you (?:be )?open to (?:new "
    r"opportunities|a (?:quick )?chat)|auf ihr profil aufmerksam|ihr profil gesehen|he visto tu perfil|"
    r"votre profil a retenu notre attention sur"
)
"""A recruiter writing first: about jobs, yet about no application of the user's."""
APPLIED = re.compile(
    r"your application|you applied|applying|ihre bewerbung|deine bewerbung|votre candidature|"
    r"tu candidatura|su candidatura"
)
