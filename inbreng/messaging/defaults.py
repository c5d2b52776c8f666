"""Built-in message texts, used until an organisation writes its own.

Dutch is written in plain language and passes the project's checker (a test proves it).
French, English and Arabic were written by the development team and are marked as not
reviewed by a native speaker, so staff see that they still need a check. To add a
language: add its code to PARTICIPANT_LANGUAGES in settings and its texts here (or let
organisations write them in the template editor).
"""

from __future__ import annotations

from typing import NamedTuple


class DefaultText(NamedTuple):
    subject: str
    body: str
    sms: str


# Languages whose built-in texts a native speaker has checked.
REVIEWED = frozenset({"nl"})

DEFAULTS: dict[str, dict[str, DefaultText]] = {
    "invitation": {
        "nl": DefaultText(
            "Uitnodiging: {onderwerp}",
            "Dag {naam},\n\n"
            "We nodigen je uit voor {onderwerp}.\n"
            "Wanneer? {datum} om {uur}.\n"
            "Waar? {plaats}.\n"
            "Er is koffie en iets te eten.\n"
            "Breng mee: {meebrengen}.\n\n"
            "{belofte}\n\n"
            "Kom je? Zeg het op je eigen pagina: {link}\n"
            "Je kan ook een sms sturen met JA of NEE.\n"
            "Vragen? Bel {telefoon}.\n\n"
            "Tot dan!",
            "Dag {naam}. Kom je naar {onderwerp}? {datum} om {uur}, {plaats}. "
            "Antwoord met JA, NEE of MISSCHIEN. {link}\n"
            "Vragen? Bel {telefoon}.",
        ),
        "fr": DefaultText(
            "Invitation : {onderwerp}",
            "Bonjour {naam},\n\n"
            "Nous vous invitons à {onderwerp}.\n"
            "Quand ? {datum} à {uur}.\n"
            "Où ? {plaats}.\n"
            "Il y a du café et quelque chose à manger.\n"
            "À apporter : {meebrengen}.\n\n"
            "{belofte}\n\n"
            "Vous venez ? Dites-le sur votre page : {link}\n"
            "Vous pouvez aussi envoyer un SMS avec OUI ou NON.\n"
            "Des questions ? Appelez le {telefoon}.\n\n"
            "À bientôt !",
            "Bonjour {naam}. Vous venez à {onderwerp} ? {datum} à {uur}, {plaats}. "
            "Répondez OUI, NON ou PEUT-ETRE. {link}\n"
            "Des questions ? Appelez le {telefoon}.",
        ),
        "en": DefaultText(
            "Invitation: {onderwerp}",
            "Hello {naam},\n\n"
            "We invite you to {onderwerp}.\n"
            "When? {datum} at {uur}.\n"
            "Where? {plaats}.\n"
            "There is coffee and something to eat.\n"
            "Please bring: {meebrengen}.\n\n"
            "{belofte}\n\n"
            "Will you come? Tell us on your own page: {link}\n"
            "You can also send a text with YES or NO.\n"
            "Questions? Call {telefoon}.\n\n"
            "See you then!",
            "Hello {naam}. Will you come to {onderwerp}? {datum} at {uur}, {plaats}. "
            "Reply YES, NO or MAYBE. {link}\n"
            "Questions? Call {telefoon}.",
        ),
        "ar": DefaultText(
            "دعوة: {onderwerp}",
            "مرحبا {naam}،\n\n"
            "ندعوك إلى {onderwerp}.\n"
            "متى؟ {datum} الساعة {uur}.\n"
            "أين؟ {plaats}.\n"
            "هناك قهوة وشيء للأكل.\n"
            "أحضر معك: {meebrengen}.\n\n"
            "{belofte}\n\n"
            "هل ستأتي؟ قل لنا ذلك على صفحتك: {link}\n"
            "يمكنك أيضا أن ترسل رسالة قصيرة: نعم أو لا.\n"
            "هل لديك أسئلة؟ اتصل بالرقم {telefoon}.\n\n"
            "إلى اللقاء!",
            "{naam}، هل ستأتي {datum} {uur} {plaats}؟ نعم/لا",
        ),
    },
    "reminder": {
        "nl": DefaultText(
            "Niet vergeten: {onderwerp}",
            "Dag {naam},\n\n"
            "Niet vergeten: {onderwerp}.\n"
            "Wanneer? {datum} om {uur}.\n"
            "Waar? {plaats}.\n\n"
            "Kan je niet komen? Zeg het op je pagina: {link}\n"
            "Vragen? Bel {telefoon}.\n\n"
            "Tot dan!",
            "Dag {naam}. Niet vergeten: {onderwerp}, {datum} om {uur}, {plaats}. {link}\n"
            "Vragen? Bel {telefoon}.",
        ),
        "fr": DefaultText(
            "N'oubliez pas : {onderwerp}",
            "Bonjour {naam},\n\n"
            "N'oubliez pas : {onderwerp}.\n"
            "Quand ? {datum} à {uur}.\n"
            "Où ? {plaats}.\n\n"
            "Vous ne pouvez pas venir ? Dites-le sur votre page : {link}\n"
            "Des questions ? Appelez le {telefoon}.\n\n"
            "À bientôt !",
            "Bonjour {naam}. N'oubliez pas : {onderwerp}, {datum} à {uur}, {plaats}. {link}\n"
            "Des questions ? Appelez le {telefoon}.",
        ),
        "en": DefaultText(
            "Don't forget: {onderwerp}",
            "Hello {naam},\n\n"
            "Don't forget: {onderwerp}.\n"
            "When? {datum} at {uur}.\n"
            "Where? {plaats}.\n\n"
            "Can't come? Tell us on your page: {link}\n"
            "Questions? Call {telefoon}.\n\n"
            "See you then!",
            "Hello {naam}. Don't forget: {onderwerp}, {datum} at {uur}, {plaats}. {link}\n"
            "Questions? Call {telefoon}.",
        ),
        "ar": DefaultText(
            "لا تنس: {onderwerp}",
            "مرحبا {naam}،\n\n"
            "لا تنس: {onderwerp}.\n"
            "متى؟ {datum} الساعة {uur}.\n"
            "أين؟ {plaats}.\n\n"
            "لا تستطيع المجيء؟ قل لنا ذلك على صفحتك: {link}\n"
            "هل لديك أسئلة؟ اتصل بالرقم {telefoon}.\n\n"
            "إلى اللقاء!",
            "{naam}، لا تنس موعدنا: {datum} {uur}، {plaats}.",
        ),
    },
    "change": {
        "nl": DefaultText(
            "Er is iets veranderd: {onderwerp}",
            "Dag {naam},\n\n"
            "Er is iets veranderd voor {onderwerp}.\n"
            "Wanneer? {datum} om {uur}.\n"
            "Waar? {plaats}.\n\n"
            "Kan je nu niet meer komen? Zeg het op je pagina: {link}\n"
            "Vragen? Bel {telefoon}.",
            "Dag {naam}. Let op, er is iets veranderd: {onderwerp} is nu op {datum} "
            "om {uur}, {plaats}. {link}\n"
            "Vragen? Bel {telefoon}.",
        ),
        "fr": DefaultText(
            "Changement : {onderwerp}",
            "Bonjour {naam},\n\n"
            "Il y a un changement pour {onderwerp}.\n"
            "Quand ? {datum} à {uur}.\n"
            "Où ? {plaats}.\n\n"
            "Vous ne pouvez plus venir ? Dites-le sur votre page : {link}\n"
            "Des questions ? Appelez le {telefoon}.",
            "Bonjour {naam}. Attention, changement : {onderwerp} est maintenant le {datum} "
            "à {uur}, {plaats}. {link}\n"
            "Des questions ? Appelez le {telefoon}.",
        ),
        "en": DefaultText(
            "Something changed: {onderwerp}",
            "Hello {naam},\n\n"
            "Something changed for {onderwerp}.\n"
            "When? {datum} at {uur}.\n"
            "Where? {plaats}.\n\n"
            "Can you no longer come? Tell us on your page: {link}\n"
            "Questions? Call {telefoon}.",
            "Hello {naam}. Please note a change: {onderwerp} is now on {datum} "
            "at {uur}, {plaats}. {link}\n"
            "Questions? Call {telefoon}.",
        ),
        "ar": DefaultText(
            "تغيير: {onderwerp}",
            "مرحبا {naam}،\n\n"
            "هناك تغيير في {onderwerp}.\n"
            "متى؟ {datum} الساعة {uur}.\n"
            "أين؟ {plaats}.\n\n"
            "لم تعد تستطيع المجيء؟ قل لنا ذلك على صفحتك: {link}\n"
            "هل لديك أسئلة؟ اتصل بالرقم {telefoon}.",
            "{naam}، تغيّر الموعد: {datum} {uur}، {plaats}.",
        ),
    },
    "cancellation": {
        "nl": DefaultText(
            "Gaat niet door: {onderwerp}",
            "Dag {naam},\n\n"
            "{onderwerp} op {datum} gaat niet door.\n"
            "Het spijt ons.\n"
            "We laten je weten wanneer we opnieuw samenkomen.\n"
            "Vragen? Bel {telefoon}.",
            "Dag {naam}. {onderwerp} op {datum} gaat niet door. Het spijt ons.\n"
            "Vragen? Bel {telefoon}.",
        ),
        "fr": DefaultText(
            "Annulé : {onderwerp}",
            "Bonjour {naam},\n\n"
            "{onderwerp} du {datum} est annulé.\n"
            "Nous sommes désolés.\n"
            "Nous vous dirons quand nous nous verrons à nouveau.\n"
            "Des questions ? Appelez le {telefoon}.",
            "Bonjour {naam}. {onderwerp} du {datum} est annulé. Nous sommes désolés.\n"
            "Des questions ? Appelez le {telefoon}.",
        ),
        "en": DefaultText(
            "Cancelled: {onderwerp}",
            "Hello {naam},\n\n"
            "{onderwerp} on {datum} is cancelled.\n"
            "We are sorry.\n"
            "We will let you know when we meet again.\n"
            "Questions? Call {telefoon}.",
            "Hello {naam}. {onderwerp} on {datum} is cancelled. We are sorry.\n"
            "Questions? Call {telefoon}.",
        ),
        "ar": DefaultText(
            "أُلغي: {onderwerp}",
            "مرحبا {naam}،\n\n"
            "أُلغي {onderwerp} يوم {datum}.\n"
            "نحن آسفون.\n"
            "سنخبرك متى نلتقي مرة أخرى.\n"
            "هل لديك أسئلة؟ اتصل بالرقم {telefoon}.",
            "مرحبا {naam}. أُلغي موعد يوم {datum}. نحن آسفون.",
        ),
    },
    "feedback": {
        # The answers themselves are in the text ({antwoorden}; in short in the SMS,
        # {uitkomst}): the personal page is an extra, never the only way to read them.
        "nl": DefaultText(
            "Wat gebeurde er met wat je zei?",
            "Dag {naam},\n\n"
            "Je gaf ons je mening over {onderwerp}.\n"
            "Hier lees je wat we ermee doen.\n\n"
            "{antwoorden}\n\n"
            "Vragen? Bel {telefoon}.\n"
            "Je kan dit ook lezen op je eigen pagina: {link}\n\n"
            "Bedankt om mee te denken!",
            "Dag {naam}. Antwoord op wat je zei over {onderwerp}: {uitkomst} Uitleg: {link}\n"
            "Vragen? Bel {telefoon}.",
        ),
        "fr": DefaultText(
            "Qu'est-il arrivé à votre avis ?",
            "Bonjour {naam},\n\n"
            "Vous nous avez donné votre avis sur {onderwerp}.\n"
            "Voici ce que nous en faisons.\n\n"
            "{antwoorden}\n\n"
            "Des questions ? Appelez le {telefoon}.\n"
            "Vous pouvez aussi lire ceci sur votre page : {link}\n\n"
            "Merci de votre aide !",
            "Bonjour {naam}. Réponse à votre avis sur {onderwerp} : {uitkomst} Plus : {link}\n"
            "Des questions ? Appelez le {telefoon}.",
        ),
        "en": DefaultText(
            "What happened with what you said?",
            "Hello {naam},\n\n"
            "You gave us your view on {onderwerp}.\n"
            "Here is what we do with it.\n\n"
            "{antwoorden}\n\n"
            "Questions? Call {telefoon}.\n"
            "You can also read this on your own page: {link}\n\n"
            "Thank you for thinking with us!",
            "Hello {naam}. The answer to what you said about {onderwerp}: {uitkomst} "
            "More: {link}\n"
            "Questions? Call {telefoon}.",
        ),
        "ar": DefaultText(
            "ماذا حدث لما قلته؟",
            "مرحبا {naam}،\n\n"
            "أعطيتنا رأيك في {onderwerp}.\n"
            "هذا ما نفعله به.\n\n"
            "{antwoorden}\n\n"
            "هل لديك أسئلة؟ اتصل بالرقم {telefoon}.\n"
            "يمكنك أيضا أن تقرأ هذا على صفحتك: {link}\n\n"
            "شكرا لمشاركتك!",
            # Arabic goes out as UCS-2 (67 characters a part): the answers and the link only.
            "مرحبا {naam}. جواب عن {onderwerp}: {uitkomst}\n{link}",
        ),
    },
    "thanks": {
        "nl": DefaultText(
            "Bedankt!",
            "Dag {naam},\n\n"
            "Bedankt dat je er was bij {onderwerp}.\n"
            "Wat je zei, is belangrijk voor ons.\n"
            "We laten je weten wat ermee gebeurt.\n"
            "Kijk op je eigen pagina: {link}",
            "Dag {naam}. Bedankt dat je er was bij {onderwerp}. We laten je weten wat "
            "ermee gebeurt.",
        ),
        "fr": DefaultText(
            "Merci !",
            "Bonjour {naam},\n\n"
            "Merci d'être venu à {onderwerp}.\n"
            "Ce que vous avez dit est important pour nous.\n"
            "Nous vous dirons ce que nous en faisons.\n"
            "Regardez sur votre page : {link}",
            "Bonjour {naam}. Merci d'avoir participé à {onderwerp}. Nous vous dirons ce que "
            "nous en faisons.",
        ),
        "en": DefaultText(
            "Thank you!",
            "Hello {naam},\n\n"
            "Thank you for coming to {onderwerp}.\n"
            "What you said matters to us.\n"
            "We will tell you what we do with it.\n"
            "Look on your own page: {link}",
            "Hello {naam}. Thank you for coming to {onderwerp}. We will tell you what we "
            "do with it.",
        ),
        "ar": DefaultText(
            "شكرا!",
            "مرحبا {naam}،\n\n"
            "شكرا لحضورك {onderwerp}.\n"
            "ما قلته مهم لنا.\n"
            "سنخبرك بما نفعله به.\n"
            "انظر في صفحتك: {link}",
            "مرحبا {naam}. شكرا لحضورك. ما قلته مهم لنا. سنخبرك بما نفعله به.",
        ),
    },
}
