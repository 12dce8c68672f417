"""The AE course's lesson quizzes, keyed by the lesson's slug (see ``lessons_quizzes``)."""

from .lessons_builders import RUSSIAN_TEXTS, several, short, single, true_false

AE_QUIZZES = {
    "discovery-meeting": {
        "title": "Lesson quiz: the discovery meeting",
        "category": "Discovery",
        "pass_mark": 80,
        "questions": [
            single(
                "After the agenda, what do you ask about first?",
                "The trigger tells you the pain and the deadline.",
                "The trigger: why they are looking now",
                "Their budget",
                "Which package they prefer",
            ),
            true_false(
                "The AE should speak for less than a third of the discovery meeting.",
                "The client talks, you ask and write down their words.",
                True,
            ),
            several(
                "Which are the three price drivers to collect in discovery?",
                "Users, integrations and the data to migrate drive the scope and the price.",
                ["Number of users", "Number of integrations", "Volume of data to migrate"],
                ["The client's office location"],
            ),
            short(
                "What do we call the person who signs the contract? (two words)",
                "The economic buyer: rarely the person who filled in the form.",
                "economic buyer",
                "the economic buyer",
            ),
            true_false(
                "The next step is agreed before the discovery meeting ends.",
                "A meeting without an agreed next step leaves the deal without an owner.",
                True,
            ),
        ],
    },
    "demo-that-sells": {
        "title": "Lesson quiz: a demo that sells",
        "category": "Demo and proposal",
        "pass_mark": 75,
        "questions": [
            single(
                "What is a demo built from?",
                "Show the client their own process and pains, not our feature list.",
                "The client's pains from discovery",
                "Our full feature list",
                "The latest release notes",
            ),
            true_false(
                "A demo before discovery saves time with a keen client.",
                "Without discovery there is no pain to show, so the demo becomes a feature tour.",
                False,
            ),
            short(
                "At most how many scenes does a good demo have? Answer with a number.",
                "Three scenes, each tied to a pain the client named.",
                "3",
                "three",
            ),
            single(
                "How do you end a demo?",
                "Agree who sees the proposal, when, and what they need to decide.",
                "With an agreed next step",
                "With 'Any questions?'",
                "By sending the recording",
            ),
        ],
    },
    "proposal-and-negotiation": {
        "title": "Lesson quiz: proposal and negotiation",
        "category": "Negotiation and closing",
        "pass_mark": 75,
        "questions": [
            single(
                "The client asks for 15% off. What do you do?",
                "Trade, never give: every concession gets something back.",
                "Ask what they can give in return, such as a longer retainer",
                "Agree, to keep the deal moving",
                "Refuse to change anything",
            ),
            short(
                "Above what discount, in percent, must the manager approve before you offer "
                "it? Answer with a number.",
                "Above 5%, approved in the CRM before it is offered.",
                "5",
                "5%",
            ),
            true_false(
                "For small deals it is fine to email the proposal without a walk-through call.",
                "Walk every client through the proposal; a PDF alone gets compared on price.",
                False,
            ),
            several(
                "What belongs on the first page of a proposal?",
                "Start with the client's goals and numbers; our story can wait.",
                ["The client's goals in their own words", "The numbers from discovery"],
                ["Our company history"],
            ),
        ],
    },
    "zakrytie-sdelki-i-peredacha": {
        "title": "Тест к уроку: закрытие сделки и передача в проект",
        **RUSSIAN_TEXTS,
        "category": "Negotiation and closing",
        "pass_mark": 75,
        "questions": [
            single(
                "Когда сделка получает статус «Устное да»?",
                "Согласие чемпиона — ещё не закрытие; нужно «да» того, кто подписывает.",
                "Когда согласие дал экономический покупатель и это подтверждено письмом",
                "Когда чемпион сказал, что ему всё нравится",
                "Когда клиенту отправлено предложение",
            ),
            true_false(
                "После передачи в проект AE больше не работает с клиентом.",
                "AE остаётся на аккаунте: встреча через 30 дней и квартальный обзор.",
                False,
            ),
            several(
                "Что входит в передаточную записку?",
                "Всё, чтобы клиенту не пришлось рассказывать заново.",
                ["Цели клиента его словами", "Критерии успеха", "Обещания, данные в продаже"],
                ["Личное мнение AE о клиенте"],
            ),
            short(
                "Через сколько дней после передачи AE участвует во встрече с клиентом? "
                "Ответьте числом.",
                "Через 30 дней, и затем назначает квартальный обзор.",
                "30",
                "30 дней",
            ),
        ],
    },
    "pipeline-forecasting": {
        "title": "Lesson quiz: pipeline and forecasting",
        "category": "Forecasting",
        "pass_mark": 70,
        "questions": [
            short(
                "The average cycle is four months and a deal is one month in. What chance, in "
                "percent, does our model give it? Answer with a number.",
                "One month of four: about 25%.",
                "25",
                "25%",
                "25 %",
            ),
            single(
                "Which deal may be committed to the forecast?",
                "Only the client's own action is a reliable signal.",
                "The CFO booked the contract review for Monday",
                "They liked the demo a lot",
                "The champion says it is a sure thing",
            ),
            true_false(
                "Every open deal counts at full value in the monthly commit.",
                "Deals are weighed by their age in the cycle.",
                False,
            ),
        ],
    },
}
