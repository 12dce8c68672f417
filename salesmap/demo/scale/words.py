"""The small vocabularies the scale generator draws names and texts from.

Lists, not sets: the generator draws from them with one seeded
``random.Random``, so their order is part of what makes a load repeatable.
"""

FIRST_NAMES = [
    "Alex", "Anna", "Boris", "Carla", "Daniel", "Daria", "Elena", "Emma", "Felix",
    "Gleb", "Hannah", "Igor", "Irina", "Jack", "Julia", "Kirill", "Laura", "Leo",
    "Maria", "Maxim", "Nadia", "Nikita", "Olga", "Oliver", "Pavel", "Polina", "Quinn",
    "Roman", "Sofia", "Sam", "Tatiana", "Tom", "Ulyana", "Victor", "Vera", "William",
    "Xenia", "Yuri", "Yana", "Zoe",
]  # fmt: skip

LAST_NAMES = [
    "Abramova", "Baker", "Belov", "Brooks", "Carter", "Chen", "Davies", "Egorov",
    "Evans", "Fedorova", "Fischer", "Garcia", "Gromov", "Hughes", "Ivanova", "Jensen",
    "Kim", "Kozlov", "Lebedeva", "Lopez", "Martin", "Morozov", "Nelson", "Novikova",
    "Orlov", "Parker", "Petrova", "Quinn", "Romanov", "Smith", "Sokolova", "Taylor",
    "Usova", "Volkov", "Walker", "Wilson", "Yakovleva", "Young", "Zaitsev", "Zhukova",
]  # fmt: skip

# Course themes: (title, short topic used in lesson and question texts, audience).
# Audience names role slugs of the demo (``salesmap.demo.roles``); empty: everyone.
COURSE_THEMES = [
    ("Prospecting that books meetings", "prospecting", ["sdr"]),
    ("Enterprise discovery", "discovery", ["ae"]),
    ("Pricing and packaging", "pricing", ["sdr", "ae"]),
    ("Coaching your team", "coaching", ["sales-manager"]),
    ("Our product in depth", "the product", []),
    ("Negotiation and closing", "negotiation", ["ae"]),
    ("Inbound qualification", "qualification", ["sdr"]),
    ("Forecasting and pipeline", "forecasting", ["ae", "sales-manager"]),
    ("Account growth", "account growth", ["ae"]),
    ("Working with the CRM", "the CRM", []),
    ("Objection handling", "objections", ["sdr", "ae"]),
    ("Hiring and onboarding reps", "onboarding", ["sales-manager"]),
]

LESSON_ANGLES = [
    "the basics",
    "the first five minutes",
    "questions that work",
    "common mistakes",
    "a worked example",
    "what the client hears",
    "in the CRM",
    "with a senior buyer",
    "when the deal stalls",
    "checklist for the week",
    "role-play drills",
    "what good looks like",
]

# Question stems: ``{topic}`` is the course topic.
SINGLE_STEMS = [
    "What is the first thing to confirm about {topic} on a new deal?",
    "Which of these is our standard for {topic}?",
    "A client pushes back during {topic}. What do you do first?",
    "Who owns {topic} once the deal is qualified?",
    "Which CRM field records the outcome of {topic}?",
    "What should you send the client after {topic}?",
    "How soon must {topic} be logged after the call?",
    "Which signal tells you {topic} went well?",
]
SINGLE_RIGHT = [
    "The client's own goal, in their words",
    "Agree the next step and its date before the call ends",
    "Ask what is behind the question before answering it",
    "The rep who holds the deal, with the manager informed",
    "The stage outcome field, filled on the same day",
    "A short summary with one next step",
    "Within one working hour",
    "The client books the next meeting themselves",
]
SINGLE_WRONG = [
    "Our full price list",
    "Whatever the client asks for first",
    "A discount to speed things up",
    "Nobody: it is optional",
    "A free-text note somewhere in the card",
    "A generic brochure",
    "By the end of the month",
    "The client says they will think about it",
    "The manager, always",
    "Wait until the client calls back",
]
TRUE_FALSE_STATEMENTS = [
    ("In {topic}, the client should speak more than the rep.", True),
    ("Skipping the CRM entry is fine when the deal is small ({topic}).", False),
    ("Our standard for {topic} applies to SMB and enterprise alike.", True),
    ("A discount is the quickest fix when {topic} goes badly.", False),
    ("The next step after {topic} always has a date.", True),
    ("You may promise custom terms during {topic} without approval.", False),
]
MULTIPLE_STEMS = [
    "Which of these belong in your notes after {topic}?",
    "Which of these are warning signs during {topic}?",
]
MULTIPLE_RIGHT = [
    "The decision maker's name",
    "The agreed next step",
    "The client's deadline",
    "No budget owner named",
    "Silence after the proposal",
]
MULTIPLE_WRONG = ["Our internal target", "The weather", "A competitor's price rumour"]
SHORT_STEMS = [
    ("How many days may a deal stay at one stage before the manager is told ({topic})?", "7"),
    ("Name the CRM status for a deal waiting on the client's legal review.", "Paperwork"),
]
ESSAY_STEMS = [
    "Describe, in a few sentences, how you would open {topic} with a sceptical client.",
    "Write the summary email you would send after {topic} with a new enterprise lead.",
]
ESSAY_ANSWERS = [
    "I would start with their trigger and what changed for them, then confirm the goal "
    "and who else decides, and only then talk about how we can help.",
    "Thank you for the call today. You want to cut response time to under an hour by "
    "March; next step: a demo with your team lead on Thursday at 11.",
]
MARKER_FEEDBACK = [
    "Clear and in the client's words. Add the date of the next step.",
    "Good structure; the opening still talks about us first.",
    "Exactly what we want to see.",
]

PARAGRAPHS = [
    "<p>Every good conversation about {topic} starts from the client's situation, not from "
    "our catalogue. Ask what changed for them, who noticed it first and what happens if "
    "nothing changes this quarter.</p>",
    "<p>Write down what you heard in their words. The card in the CRM is the team's "
    "memory: when you are on holiday, your colleague must be able to pick the deal up "
    "from the card alone.</p>",
    "<p>Keep the next step concrete: a date, a time and who will be there. A next step "
    "without a date is a hope, and hopes do not show up in the forecast.</p>",
    "<p>When the client hesitates, ask what is behind the hesitation before you answer. "
    "Most objections about {topic} are questions about risk, and risk is answered with "
    "a client case, not with a discount.</p>",
    "<p>Your manager listens to a sample of calls every week against this standard. Use "
    "the checklist below before your next call and compare your notes with it after.</p>",
]
CALLOUTS = [
    ("From the best calls", "<p>Top reps spend the first two minutes on the client's goal.</p>"),
    ("Watch out", "<p>Never send a price before the scope is agreed on a call.</p>"),
    ("Try this", "<p>End every call by reading the next step back to the client.</p>"),
]
TAKEAWAYS = [
    "Start from the client's goal, in their words.",
    "Log the outcome in the CRM the same day.",
    "Every next step has a date.",
    "Answer objections with a case, not a discount.",
    "Ask who else decides before you propose.",
]
CHECKLIST_ITEMS = [
    "Read the client's card and last three activities",
    "Write three open questions for the call",
    "Check the deal's stage and days at stage",
    "Prepare one client case from the same industry",
    "Book the next step before hanging up",
]
EVALUATION_COMMENTS = [
    "Good call: the client did most of the talking. Book the next step before you close.",
    "Clear structure. The budget question came too late; use the package ranges.",
    "A big step up from last time. Keep the summary shorter.",
    "You went to the pitch too early: ask about their trigger first.",
    "Exactly the standard. I will use this as an example for the new hires.",
    "Solid. Confirm the decision maker and the timing next time.",
]
PROMOTION_NOTES = [
    "Met every target of the level for three months in a row.",
    "Consistently above the call quality bar; ready for bigger deals.",
    "Coaches the newer reps already; promotion agreed with Sales Ops.",
]
