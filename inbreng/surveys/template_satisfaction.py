"""The standard client-satisfaction questionnaire, as data. Fictional and written by us.

Every question in plain Dutch (short sentences, everyday words), with French and Arabic
wording for self-completion. `questionnaire_from_template` turns it into a questionnaire.
Each entry: code, kind, Dutch text, optional, choices [(value, nl)], skip (value, to),
and translations {language: (text, {value: label})}.
"""

from __future__ import annotations

from typing import Any

TITLE = "Hoe tevreden ben je over onze hulp?"
DESCRIPTION = (
    "Een korte bevraging over onze hulp. Het duurt ongeveer tien minuten. "
    "Uw antwoorden blijven anoniem."
)

QUESTIONS: list[dict[str, Any]] = [
    {
        "code": "contact",
        "kind": "single",
        "text": "Hoe had je de laatste keer contact met ons?",
        "choices": [("1", "Aan het loket"), ("2", "Aan de telefoon"), ("3", "Bij mij thuis")],
        "fr": (
            "Comment nous avez-vous contactés la dernière fois ?",
            {"1": "Au guichet", "2": "Par téléphone", "3": "Chez moi"},
        ),
        "ar": ("كيف تواصلت معنا آخر مرة؟", {"1": "في الشباك", "2": "عبر الهاتف", "3": "في بيتي"}),
    },
    {
        "code": "reason",
        "kind": "multiple",
        "text": "Waarvoor kwam je? Je mag meer dan één antwoord kiezen.",
        "choices": [
            ("1", "Geld of leefloon"),
            ("2", "Wonen"),
            ("3", "Schulden"),
            ("4", "Werk"),
            ("5", "Gezondheid"),
            ("6", "Iets anders"),
        ],
        "fr": (
            "Pourquoi êtes-vous venu ? Vous pouvez choisir plusieurs réponses.",
            {
                "1": "Argent ou revenu d'intégration",
                "2": "Logement",
                "3": "Dettes",
                "4": "Travail",
                "5": "Santé",
                "6": "Autre chose",
            },
        ),
        "ar": (
            "لماذا جئت؟ يمكنك اختيار أكثر من جواب.",
            {
                "1": "المال أو دخل الإدماج",
                "2": "السكن",
                "3": "الديون",
                "4": "العمل",
                "5": "الصحة",
                "6": "شيء آخر",
            },
        ),
    },
    {
        "code": "reception",
        "kind": "scale1_5",
        "text": "Hoe werd je ontvangen?",
        "fr": ("Comment avez-vous été accueilli ?", {}),
        "ar": ("كيف تم استقبالك؟", {}),
    },
    {
        "code": "waiting",
        "kind": "scale1_5",
        "text": "Wat vond je van de wachttijd?",
        "fr": ("Que pensez-vous du temps d'attente ?", {}),
        "ar": ("ما رأيك في وقت الانتظار؟", {}),
    },
    {
        "code": "clarity",
        "kind": "scale1_5",
        "text": "Was de uitleg duidelijk?",
        "fr": ("Les explications étaient-elles claires ?", {}),
        "ar": ("هل كان الشرح واضحًا؟", {}),
    },
    {
        "code": "next_step",
        "kind": "yes_no",
        "text": "Wist je na het gesprek wat de volgende stap is?",
        "fr": ("Après l'entretien, saviez-vous quelle était l'étape suivante ?", {}),
        "ar": ("بعد المقابلة، هل كنت تعرف الخطوة التالية؟", {}),
    },
    {
        "code": "respect",
        "kind": "scale1_5",
        "text": "Werd je met respect behandeld?",
        "fr": ("Avez-vous été traité avec respect ?", {}),
        "ar": ("هل عوملت باحترام؟", {}),
    },
    {
        "code": "visits",
        "kind": "number",
        "text": "Hoe vaak kwam je dit jaar bij ons?",
        "help_text": "Schrijf een getal. Weet je het niet precies? Schat dan.",
        "optional": True,
        "minimum": 0,
        "maximum": 100,
        "fr": ("Combien de fois êtes-vous venu chez nous cette année ?", {}),
        "ar": ("كم مرة جئت إلينا هذه السنة؟", {}),
    },
    {
        "code": "unsolved",
        "kind": "yes_no",
        "text": "Is er iets wat we niet voor jou konden oplossen?",
        "skip": ("no", "overall"),
        "fr": ("Y a-t-il quelque chose que nous n'avons pas pu résoudre pour vous ?", {}),
        "ar": ("هل هناك شيء لم نستطع حله لك؟", {}),
    },
    {
        "code": "unsolved_what",
        "kind": "open",
        "text": "Wat konden we niet oplossen?",
        "optional": True,
        "fr": ("Qu'est-ce que nous n'avons pas pu résoudre ?", {}),
        "ar": ("ما الذي لم نستطع حله؟", {}),
    },
    {
        "code": "overall",
        "kind": "scale1_5",
        "text": "Hoe tevreden ben je over onze hulp?",
        "fr": ("Êtes-vous satisfait de notre aide ?", {}),
        "ar": ("ما مدى رضاك عن مساعدتنا؟", {}),
    },
    {
        "code": "better",
        "kind": "open",
        "text": "Wat kunnen we beter doen?",
        "optional": True,
        "fr": ("Que pouvons-nous faire mieux ?", {}),
        "ar": ("ماذا يمكننا أن نفعل بشكل أفضل؟", {}),
    },
]
