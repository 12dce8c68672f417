"""Scale data for benchmarks: ``manage.py load_scale`` (see ``loader.load_scale``).

A sales department of N people on top of the demo, with L lessons, Q quizzes
and D days of history, written in bulk and deterministic for a seed and a day:

- ``tree``: the reporting tree and who each person is (pure planning);
- ``people``: the people, their managers, mentors and groups;
- ``quizbank``, ``content``, ``requirements``: quizzes, courses and lessons,
  and the onboarding plans extended with them;
- ``learning``, ``attempts``: reading time, lesson progress and quiz attempts;
- ``records``: level history, evaluations, sign-offs and acknowledgements.
"""
