"""Case conferences are not in Django's platform admin, on purpose.

Platform operators support the installation; they do not read case content. Everything
about a case goes through the app, where every read is checked and audited.
"""
