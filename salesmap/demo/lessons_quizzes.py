"""The SDR course's lesson quizzes, keyed by the lesson's slug, and all lesson
quizzes together (``LESSON_QUIZZES``).

Each quiz has a title, a bank category, a pass mark and three to five
questions of mixed kinds, each with an explanation.
"""

from .lessons_builders import RUSSIAN_TEXTS, several, short, single, true_false
from .lessons_quizzes_ae import AE_QUIZZES

SDR_QUIZZES = {
    "the-funnel-and-our-stages": {
        "title": "Lesson quiz: the funnel and our stages",
        "category": "Funnel and stages",
        "pass_mark": 75,
        "questions": [
            single(
                "Which two funnel stages does the SDR own?",
                "The SDR reaches the person and qualifies; from discovery on, the AE owns it.",
                "New request and Qualification",
                "Qualification and Needs discovery",
                "Proposal and Negotiation",
            ),
            true_false(
                "A deal may move to any stage the rep thinks fits, as long as the move is logged.",
                "The allowed next stages are a short, closed list in each stage's standard.",
                False,
            ),
            short(
                "Within how many minutes, in working hours, do we call a new inbound request? "
                "Answer with a number.",
                "Fifteen minutes: after an hour the chance to reach the person drops sharply.",
                "15",
                "15 minutes",
                "fifteen",
            ),
            several(
                "Which of these does a stage standard state?",
                "A standard names the statuses, the time limit and the allowed next stages; "
                "personal targets live in your level's KPIs.",
                [
                    "The CRM statuses of the stage",
                    "How many days a deal may stay in it",
                    "The stages that may come next",
                ],
                ["The rep's personal sales target"],
            ),
        ],
    },
    "icp-and-qualification": {
        "title": "Lesson quiz: ideal customer profile and qualification",
        "category": "Qualification",
        "pass_mark": 80,
        "questions": [
            single(
                "A 120-person company with a new head of sales runs its pipeline in "
                "spreadsheets. How do you score it?",
                "It fits the profile and has a trigger (the new head of sales): an A lead.",
                "A",
                "B",
                "C",
            ),
            several(
                "Which of these questions belong to BANT?",
                "Budget, authority, need and timing; competitors come up in discovery.",
                [
                    "What budget range do you have in mind?",
                    "Who signs a project like this?",
                    "What happens if nothing changes?",
                    "When does it need to work?",
                ],
                ["Which CRM do your competitors use?"],
            ),
            true_false(
                "Ask for the budget as the very first question of the call.",
                "Ask for the budget last, as a range, once the client has told you the need.",
                False,
            ),
            short(
                "In MEDDIC-lite, the person inside the client who wants the project to happen "
                "and tells you the truth is the ... (one word).",
                "The champion: not always the one who signs.",
                "champion",
                "the champion",
            ),
            single(
                "What do you do with a C lead?",
                "C leads are outside the profile: nurture them instead of spending an AE's hour.",
                "Thank them and move the deal to Nurture",
                "Book the AE anyway, just in case",
                "Delete the deal to keep the pipeline clean",
            ),
        ],
    },
    "cold-calling-and-first-touch": {
        "title": "Lesson quiz: cold calling and the first touch",
        "category": "Prospecting",
        "pass_mark": 75,
        "questions": [
            single(
                "How do you open the first call on a new request?",
                "The trigger tells you the pain and the deadline; packages come much later.",
                "Say who you are, ask for a moment, then ask what triggered the request",
                "Present our three packages",
                "Ask for the budget",
            ),
            short(
                "How many call attempts do we make on the first day before sending an email? "
                "Answer with a number.",
                "Three attempts at different times, then an email with two call slots.",
                "3",
                "three",
            ),
            true_false(
                "An unanswered call does not need to be logged.",
                "Every attempt is logged: reminders and reports count logged calls.",
                False,
            ),
            several(
                "What goes into a voicemail?",
                "Keep it short: who you are, one reason to call back and your number twice.",
                ["Your name and company", "One reason to call back", "Your number, twice"],
                ["The price of the Start package"],
            ),
        ],
    },
    "obrabotka-vozrazheniy": {
        "title": "Тест к уроку: работа с возражениями",
        **RUSSIAN_TEXTS,
        "category": "Objection handling",
        "pass_mark": 75,
        "questions": [
            single(
                "Клиент говорит: «Это дорого». Что вы делаете сначала?",
                "Сначала уточняем, с чем клиент сравнивает: чаще всего за «дорого» стоит не цена.",
                "Уточняю, с чем клиент сравнивает цену",
                "Предлагаю скидку 10%",
                "Повторяю цену и перечисляю функции",
            ),
            true_false(
                "Скидка в ответ на первое возражение укрепляет доверие клиента.",
                "Такая скидка говорит, что цена была ненастоящей; скидку обменивают на уступку.",
                False,
            ),
            short(
                "Цену внедрения сравнивают со стоимостью ... (допишите одно слово).",
                "Со стоимостью бездействия: остывшие сделки, ушедшие менеджеры, часы на отчёты.",
                "бездействия",
                "бездействие",
            ),
            several(
                "Что делать после звонка с новым возражением?",
                "Возражение записывают дословно и пополняют базу знаний, а не закрывают сделку.",
                [
                    "Записать возражение дословно в комментарий к сделке",
                    "Предложить улучшение статьи в базе знаний",
                ],
                ["Закрыть сделку как проигранную"],
            ),
        ],
    },
    "crm-hygiene": {
        "title": "Lesson quiz: CRM hygiene",
        "category": "CRM hygiene",
        "pass_mark": 75,
        "questions": [
            single(
                "Which next step is written to our standard?",
                "A next step says who does what, and when; reminders need the date.",
                "Call Marta to agree the pilot scope, due Thursday",
                "Follow up",
                "Send info (no date)",
            ),
            true_false(
                "Calls may be logged in one batch on Friday, as long as none is missed.",
                "Log the same day: colleagues and your manager work from the log all week.",
                False,
            ),
            several(
                "Before adding a new company, you search the CRM by its ...",
                "Domain and tax number find the same company under a different spelling.",
                ["Website domain", "Tax number"],
                ["Contact's first name", "City"],
            ),
            short(
                "A lost deal is closed with a loss reason from the list and a ... (one word).",
                "A comment: loss reasons and comments show where the funnel leaks.",
                "comment",
                "a comment",
            ),
        ],
    },
    "kpis-and-your-numbers": {
        "title": "Lesson quiz: KPIs and your numbers",
        "category": "KPIs",
        "pass_mark": 70,
        "questions": [
            several(
                "Which of these are process metrics?",
                "Process metrics measure how you work; sales volume is a result.",
                ["Time to first call", "CRM hygiene"],
                ["Sales volume"],
            ),
            true_false(
                "When results lag, look at the process numbers first.",
                "Process numbers move a month before results do.",
                True,
            ),
            short(
                "What share of new requests should an SDR I reach on day one? Answer in percent.",
                "80% of requests reached on the first day.",
                "80",
                "80%",
                "80 %",
            ),
        ],
    },
    "one-on-ones-with-your-manager": {
        "title": "Lesson quiz: one-on-ones",
        "category": "Team rhythm",
        "pass_mark": 70,
        "questions": [
            single(
                "How often does every rep have a one-on-one with the manager?",
                "At least monthly; daily stand-ups stay short.",
                "At least once a month",
                "Once a quarter",
                "Only when a deal is stuck",
            ),
            true_false(
                "The daily stand-up is the place to review every deal in detail.",
                "Stand-ups are 15 minutes: yesterday, today, blockers.",
                False,
            ),
            several(
                "What does your manager look at before your one-on-one?",
                "Numbers, call scores and learning progress: the same data you see.",
                ["Your KPI dashboard", "Scores of your recent calls", "Your quizzes and lessons"],
                ["Your private messages"],
            ),
        ],
    },
}

LESSON_QUIZZES = {**SDR_QUIZZES, **AE_QUIZZES}
