"""Demo content for `manage.py load_demo`: a believable B2B services company.

Every builder is idempotent: it looks things up by a stable key (slug,
username) and creates only what is missing, so running the command twice
changes nothing.
"""
