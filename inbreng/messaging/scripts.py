"""Built-in call scripts: what staff say on the phone, per kind of message and language.

A call script is written to be spoken: short sentences, no web address, the answer choices
as questions. Without an organisation's own script (`MessageTemplate.phone`), the one here
is used; without one here, the message's body is read out with its web address left out.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

WEB_ADDRESS = re.compile(r"https?://|www\.", re.IGNORECASE)


def spoken_errors(text: str) -> list[str]:
    """What makes a call script unfit to be spoken: a web address, or the {link} to one."""
    errors = []
    if "{link}" in text:
        errors.append(_("A call script is spoken: leave out {link}."))
    if WEB_ADDRESS.search(text):
        errors.append(_("A call script is spoken: leave out the web address."))
    return errors


def without_web_addresses(text: str) -> str:
    """A text to read aloud: "Read it on your page: https://…" becomes "Read it on your
    page." (for deliveries written before they had a call script)."""
    text = re.sub(r"[ \t]*:[ \t]*https?://\S+", ".", text)
    return re.sub(r"[ \t]*https?://\S+", "", text)


# The questions for an answer to an invitation, asked one by one.
_ASK_NL = (
    "Kom je? Ja, nee of misschien?\n"
    "Heb je opvang nodig voor je kinderen? Voor hoeveel kinderen?\n"
    "Heb je vervoer nodig?\n"
    "Heb je een tolk nodig? Voor welke taal?\n"
)
_ASK_FR = (
    "Vous venez ? Oui, non ou peut-être ?\n"
    "Avez-vous besoin d'une garde pour vos enfants ? Pour combien d'enfants ?\n"
    "Avez-vous besoin de transport ?\n"
    "Avez-vous besoin d'un interprète ? Pour quelle langue ?\n"
)
_ASK_EN = (
    "Will you come? Yes, no or maybe?\n"
    "Do you need childcare? For how many children?\n"
    "Do you need transport?\n"
    "Do you need an interpreter? For which language?\n"
)
_ASK_AR = (
    "هل ستأتي؟ نعم، لا، أو ربما؟\n"
    "هل تحتاج إلى رعاية لأطفالك؟ لكم طفلا؟\n"
    "هل تحتاج إلى وسيلة نقل؟\n"
    "هل تحتاج إلى مترجم؟ لأي لغة؟\n"
)
# Said at the end of every call: the number to call back. The line is left out when the
# organisation has no number.
_CALL_BACK_NL = "Heb je later nog vragen? Bel ons op {telefoon}.\n"
_CALL_BACK_FR = "Vous avez encore des questions plus tard ? Appelez-nous au {telefoon}.\n"
_CALL_BACK_EN = "Any questions later? Call us on {telefoon}.\n"
_CALL_BACK_AR = "إذا كانت لديك أسئلة لاحقا، اتصل بنا على الرقم {telefoon}.\n"

PHONE_SCRIPTS: dict[str, dict[str, str]] = {
    "invitation": {
        "nl": (
            "Dag {naam}.\n"
            "Ik bel je over {onderwerp}.\n"
            "We nodigen je uit.\n"
            "Het is op {datum}, van {uur}.\n"
            "Het is in {plaats}.\n"
            "Er is koffie en iets te eten.\n"
            "Breng mee: {meebrengen}.\n"
            "{belofte}\n\n" + _ASK_NL + "\n" + _CALL_BACK_NL + "Bedankt. Tot dan!"
        ),
        "fr": (
            "Bonjour {naam}.\n"
            "Je vous appelle pour {onderwerp}.\n"
            "Nous vous invitons.\n"
            "C'est le {datum}, de {uur}.\n"
            "C'est à {plaats}.\n"
            "Il y a du café et quelque chose à manger.\n"
            "À apporter : {meebrengen}.\n"
            "{belofte}\n\n" + _ASK_FR + "\n" + _CALL_BACK_FR + "Merci. À bientôt !"
        ),
        "en": (
            "Hello {naam}.\n"
            "I am calling about {onderwerp}.\n"
            "We would like to invite you.\n"
            "It is on {datum}, from {uur}.\n"
            "It is at {plaats}.\n"
            "There is coffee and something to eat.\n"
            "Please bring: {meebrengen}.\n"
            "{belofte}\n\n" + _ASK_EN + "\n" + _CALL_BACK_EN + "Thank you. See you then!"
        ),
        "ar": (
            "مرحبا {naam}.\n"
            "أتصل بك بخصوص {onderwerp}.\n"
            "نريد أن ندعوك.\n"
            "الموعد يوم {datum}، الساعة {uur}.\n"
            "المكان: {plaats}.\n"
            "هناك قهوة وشيء للأكل.\n"
            "أحضر معك: {meebrengen}.\n"
            "{belofte}\n\n" + _ASK_AR + "\n" + _CALL_BACK_AR + "شكرا، وإلى اللقاء!"
        ),
    },
    "reminder": {
        "nl": (
            "Dag {naam}.\n"
            "Ik bel je even over {onderwerp}.\n"
            "Niet vergeten: het is op {datum}, van {uur}.\n"
            "Het is in {plaats}.\n"
            "Breng mee: {meebrengen}.\n\n" + _ASK_NL + "\n" + _CALL_BACK_NL + "Tot dan!"
        ),
        "fr": (
            "Bonjour {naam}.\n"
            "Je vous appelle pour {onderwerp}.\n"
            "N'oubliez pas : c'est le {datum}, de {uur}.\n"
            "C'est à {plaats}.\n"
            "À apporter : {meebrengen}.\n\n" + _ASK_FR + "\n" + _CALL_BACK_FR + "À bientôt !"
        ),
        "en": (
            "Hello {naam}.\n"
            "I am calling about {onderwerp}.\n"
            "Don't forget: it is on {datum}, from {uur}.\n"
            "It is at {plaats}.\n"
            "Please bring: {meebrengen}.\n\n" + _ASK_EN + "\n" + _CALL_BACK_EN + "See you then!"
        ),
        "ar": (
            "مرحبا {naam}.\n"
            "أتصل بك بخصوص {onderwerp}.\n"
            "لا تنس: الموعد يوم {datum}، الساعة {uur}.\n"
            "المكان: {plaats}.\n"
            "أحضر معك: {meebrengen}.\n\n" + _ASK_AR + "\n" + _CALL_BACK_AR + "إلى اللقاء!"
        ),
    },
    "change": {
        "nl": (
            "Dag {naam}.\n"
            "Ik bel je over {onderwerp}.\n"
            "Er is iets veranderd.\n"
            "Het is nu op {datum}, van {uur}.\n"
            "Het is in {plaats}.\n\n" + _ASK_NL + "\n" + _CALL_BACK_NL + "Bedankt!"
        ),
        "fr": (
            "Bonjour {naam}.\n"
            "Je vous appelle pour {onderwerp}.\n"
            "Il y a un changement.\n"
            "C'est maintenant le {datum}, de {uur}.\n"
            "C'est à {plaats}.\n\n" + _ASK_FR + "\n" + _CALL_BACK_FR + "Merci !"
        ),
        "en": (
            "Hello {naam}.\n"
            "I am calling about {onderwerp}.\n"
            "Something has changed.\n"
            "It is now on {datum}, from {uur}.\n"
            "It is at {plaats}.\n\n" + _ASK_EN + "\n" + _CALL_BACK_EN + "Thank you!"
        ),
        "ar": (
            "مرحبا {naam}.\n"
            "أتصل بك بخصوص {onderwerp}.\n"
            "هناك تغيير.\n"
            "الموعد الآن يوم {datum}، الساعة {uur}.\n"
            "المكان: {plaats}.\n\n" + _ASK_AR + "\n" + _CALL_BACK_AR + "شكرا!"
        ),
    },
    "cancellation": {
        "nl": (
            "Dag {naam}.\n"
            "Ik bel je over {onderwerp} op {datum}.\n"
            "Het gaat niet door.\n"
            "Het spijt ons.\n"
            "We laten je weten wanneer we opnieuw samenkomen.\n\n"
            "Is dat duidelijk? Heb je nog een vraag?\n" + _CALL_BACK_NL + "Dag!"
        ),
        "fr": (
            "Bonjour {naam}.\n"
            "Je vous appelle pour {onderwerp}, le {datum}.\n"
            "C'est annulé.\n"
            "Nous sommes désolés.\n"
            "Nous vous dirons quand nous nous verrons à nouveau.\n\n"
            "C'est clair ? Avez-vous une question ?\n" + _CALL_BACK_FR + "Au revoir !"
        ),
        "en": (
            "Hello {naam}.\n"
            "I am calling about {onderwerp} on {datum}.\n"
            "It is cancelled.\n"
            "We are sorry.\n"
            "We will let you know when we meet again.\n\n"
            "Is that clear? Do you have a question?\n" + _CALL_BACK_EN + "Goodbye!"
        ),
        "ar": (
            "مرحبا {naam}.\n"
            "أتصل بك بخصوص {onderwerp} يوم {datum}.\n"
            "أُلغي هذا الموعد.\n"
            "نحن آسفون.\n"
            "سنخبرك متى نلتقي مرة أخرى.\n\n"
            "هل هذا واضح؟ هل لديك سؤال؟\n" + _CALL_BACK_AR + "مع السلامة!"
        ),
    },
    # Feedback: the answers read out one by one ({antwoorden}: what was said, then its answer).
    "feedback": {
        "nl": (
            "Dag {naam}.\n"
            "Ik bel je over {onderwerp}.\n"
            "Je gaf ons toen je mening.\n"
            "Nu is er een antwoord. Ik lees het je voor.\n\n"
            "{antwoorden}\n\n"
            "Is dat duidelijk? Zal ik iets nog eens lezen?\n"
            "Heb je nog een vraag?\n" + _CALL_BACK_NL + "Bedankt om mee te denken. Dag!"
        ),
        "fr": (
            "Bonjour {naam}.\n"
            "Je vous appelle pour {onderwerp}.\n"
            "Vous nous avez donné votre avis.\n"
            "Maintenant il y a une réponse. Je vous la lis.\n\n"
            "{antwoorden}\n\n"
            "C'est clair ? Voulez-vous que je relise quelque chose ?\n"
            "Avez-vous une question ?\n" + _CALL_BACK_FR + "Merci de votre aide. Au revoir !"
        ),
        "en": (
            "Hello {naam}.\n"
            "I am calling about {onderwerp}.\n"
            "You gave us your view.\n"
            "Now there is an answer. I will read it to you.\n\n"
            "{antwoorden}\n\n"
            "Is that clear? Shall I read something again?\n"
            "Do you have a question?\n" + _CALL_BACK_EN + "Thank you for thinking with us. Goodbye!"
        ),
        "ar": (
            "مرحبا {naam}.\n"
            "أتصل بك بخصوص {onderwerp}.\n"
            "أعطيتنا رأيك.\n"
            "الآن هناك جواب. سأقرؤه لك.\n\n"
            "{antwoorden}\n\n"
            "هل هذا واضح؟ هل تريد أن أقرأ شيئا مرة أخرى؟\n"
            "هل لديك سؤال؟\n" + _CALL_BACK_AR + "شكرا لمشاركتك. مع السلامة!"
        ),
    },
    "thanks": {
        "nl": (
            "Dag {naam}.\n"
            "Ik bel je over {onderwerp}.\n"
            "Bedankt dat je er was.\n"
            "Wat je zei, is belangrijk voor ons.\n"
            "We laten je weten wat ermee gebeurt.\n\n"
            "Heb je nu nog een vraag?\n" + _CALL_BACK_NL + "Dag!"
        ),
        "fr": (
            "Bonjour {naam}.\n"
            "Je vous appelle pour {onderwerp}.\n"
            "Merci d'être venu.\n"
            "Ce que vous avez dit est important pour nous.\n"
            "Nous vous dirons ce que nous en faisons.\n\n"
            "Avez-vous une question ?\n" + _CALL_BACK_FR + "Au revoir !"
        ),
        "en": (
            "Hello {naam}.\n"
            "I am calling about {onderwerp}.\n"
            "Thank you for coming.\n"
            "What you said matters to us.\n"
            "We will tell you what we do with it.\n\n"
            "Do you have a question now?\n" + _CALL_BACK_EN + "Goodbye!"
        ),
        "ar": (
            "مرحبا {naam}.\n"
            "أتصل بك بخصوص {onderwerp}.\n"
            "شكرا لحضورك.\n"
            "ما قلته مهم لنا.\n"
            "سنخبرك بما نفعله به.\n\n"
            "هل لديك سؤال الآن؟\n" + _CALL_BACK_AR + "مع السلامة!"
        ),
    },
}


# Said right after the greeting: who is calling, and from where. The caller is whoever works
# through the phone list, so it is filled in when the list is shown, not when the message is
# sent.
CALLER_INTRODUCTIONS = {
    "nl": "Je spreekt met {beller} van {organisatie}.",
    "fr": "C'est {beller}, de {organisatie}.",
    "en": "This is {beller} from {organisatie}.",
    # Arabic words around the two Dutch names, so that the sentence reads as Arabic.
    "ar": "اسمي {beller}، وأنا أتصل بك اليوم من {organisatie}.",
}
_BIDI = {"ar"}


def with_caller(script: str, *, language: str, caller: str, organisation: str) -> str:
    """The call script with who calls, and from where, right after its greeting line.

    A script that names the caller already (an organisation's own) is left as it is.
    """
    caller, organisation = caller.strip(), organisation.strip()
    if not script.strip() or not caller or caller in script:
        return script
    if language in _BIDI:
        # Dutch names in an Arabic sentence: each kept apart (FSI ... PDI).
        caller, organisation = f"\u2068{caller}\u2069", f"\u2068{organisation}\u2069"
    line = CALLER_INTRODUCTIONS.get(language, CALLER_INTRODUCTIONS["nl"]).format(
        beller=caller, organisatie=organisation
    )
    greeting, newline, rest = script.partition("\n")
    return f"{greeting}\n{line}{newline}{rest}"
