"""Results and milestones, advisory-council seats and items, and the yearly hearing.

What changed because of people's input (a result from an adopted answer or a followed
advice), who of the participants sits on an advisory council, and the yearly hearing at the
council. The models live in `signals/models/results.py`; `setup.connect()` (called from the
app's `ready`) registers the start-page panel and the notes the loop shows participants.
"""
