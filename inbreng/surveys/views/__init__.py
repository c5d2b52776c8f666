"""Survey pages: questionnaires.py (editing, waves), interview.py (staff interviews and
links), selfcomplete.py (the respondent's pages), paper.py (printing, typing, checks)."""
